
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

/**
 * Standalone loop (java benchmarks/SharedKernelProduct.java): one product P_pi x per agent for 20
 * agents on a Garnet-shaped kernel (|S| = 2000, |A| = 10, b = 10), two ways, equally unrolled:
 * (1) each agent's assembled P_pi in CSR (about 195 000 entries, what BellmanSolver streams
 * today), (2) on the fly from the shared kernel P(s'|s,a) and the agent's pi,
 * y(s) = sum_a pi(a|s) sum_s' P(s'|s,a) x(s'). The kernel is shared by all agents and stays in
 * cache; each P_pi is a separate 2-3 MB stream. A study for issue 18, not a JMH measurement.
 *
 * <p>Two loop orders: "interleaved" (one product per agent in turn, the order of round 4's pointer)
 * and "per agent" (25 products of one agent, then the next: the order of a run, where each agent
 * solves its system before the next one starts). Round 5 (README): in the per-agent order the CSR
 * product is the faster one, because the agent's P_pi stays cached across its own solve.
 */
public class SharedKernelProduct {
  public static void main(String[] a) {
    int S=2000, A=10, B=10, N=20; Random r=new Random(1);
    // shared kernel: for each (s,a) B successors with probs
    int[] kcol=new int[S*A*B]; double[] kval=new double[S*A*B];
    for (int i=0;i<S*A;i++){ double sum=0; for(int j=0;j<B;j++){kcol[i*B+j]=r.nextInt(S); kval[i*B+j]=r.nextDouble(); sum+=kval[i*B+j];} for(int j=0;j<B;j++) kval[i*B+j]/=sum;}
    double[][] pi=new double[N][S*A];
    for (int n=0;n<N;n++) for (int s=0;s<S;s++){double sum=0; for(int x=0;x<A;x++){pi[n][s*A+x]=Math.exp(3*r.nextGaussian()); sum+=pi[n][s*A+x];} for(int x=0;x<A;x++) pi[n][s*A+x]/=sum;}
    // assembled P_pi per agent: CSR merging duplicates (approx: keep all A*B entries unmerged, with short cols)
    int[][] rowptr=new int[N][]; int[][] col=new int[N][]; double[][] val=new double[N][];
    for (int n=0;n<N;n++){ rowptr[n]=new int[S+1]; 
      TreeMap<Integer,Double> m=new TreeMap<>(); int nnz=0; int[] c=new int[S*A*B]; double[] v=new double[S*A*B];
      for(int s=0;s<S;s++){ m.clear(); for(int x=0;x<A;x++) for(int j=0;j<B;j++){int k=(s*A+x)*B+j; m.merge(kcol[k], pi[n][s*A+x]*kval[k], Double::sum);} 
        for (var e: m.entrySet()){c[nnz]=e.getKey(); v[nnz]=e.getValue(); nnz++;} rowptr[n][s+1]=nnz; }
      col[n]=Arrays.copyOf(c,nnz); val[n]=Arrays.copyOf(v,nnz);}
    System.out.println("nnz P_pi agent0 = "+rowptr[0][S]+" kernel entries "+S*A*B);
    double[][] x=new double[N][S]; for(int n=0;n<N;n++) for(int s=0;s<S;s++) x[n][s]=r.nextDouble();
    double[] y=new double[S]; double[] tmp=new double[A];
    for (int rep=0;rep<6;rep++){
      long t0=System.nanoTime(); double chk=0;
      for (int it=0;it<25;it++) for(int n=0;n<N;n++){ int[] rp=rowptr[n]; int[] c=col[n]; double[] v=val[n]; double[] xn=x[n];
        for(int s=0;s<S;s++){ double a0=0,a1=0,a2=0,a3=0; int k=rp[s], e=rp[s+1]; for(;k+3<e;k+=4){ a0+=v[k]*xn[c[k]]; a1+=v[k+1]*xn[c[k+1]]; a2+=v[k+2]*xn[c[k+2]]; a3+=v[k+3]*xn[c[k+3]];} for(;k<e;k++) a0+=v[k]*xn[c[k]]; y[s]=(a0+a1)+(a2+a3);} chk+=y[7];}
      long t1=System.nanoTime();
      for (int it=0;it<25;it++) for(int n=0;n<N;n++){ double[] p=pi[n]; double[] xn=x[n];
        for(int s=0;s<S;s++){ double acc=0, acc2=0; int base=s*A; for(int xa=0;xa<A;xa++){ int k=(base+xa)*B; double q0=kval[k]*xn[kcol[k]]+kval[k+1]*xn[kcol[k+1]]+kval[k+2]*xn[kcol[k+2]]+kval[k+3]*xn[kcol[k+3]]+kval[k+4]*xn[kcol[k+4]]; double q1=kval[k+5]*xn[kcol[k+5]]+kval[k+6]*xn[kcol[k+6]]+kval[k+7]*xn[kcol[k+7]]+kval[k+8]*xn[kcol[k+8]]+kval[k+9]*xn[kcol[k+9]]; acc+=p[base+xa]*q0; acc2+=p[base+xa]*q1;} y[s]=acc+acc2;} chk+=y[7];}
      long t2=System.nanoTime();
      for (int n=0;n<N;n++) for (int it=0;it<25;it++){ int[] rp=rowptr[n]; int[] c=col[n]; double[] v=val[n]; double[] xn=x[n];
        for(int s=0;s<S;s++){ double a0=0,a1=0,a2=0,a3=0; int k=rp[s], e=rp[s+1]; for(;k+3<e;k+=4){ a0+=v[k]*xn[c[k]]; a1+=v[k+1]*xn[c[k+1]]; a2+=v[k+2]*xn[c[k+2]]; a3+=v[k+3]*xn[c[k+3]];} for(;k<e;k++) a0+=v[k]*xn[c[k]]; y[s]=(a0+a1)+(a2+a3);} chk+=y[7];}
      long t3=System.nanoTime();
      for (int n=0;n<N;n++) for (int it=0;it<25;it++){ double[] p=pi[n]; double[] xn=x[n];
        for(int s=0;s<S;s++){ double acc=0, acc2=0; int base=s*A; for(int xa=0;xa<A;xa++){ int k=(base+xa)*B; double q0=kval[k]*xn[kcol[k]]+kval[k+1]*xn[kcol[k+1]]+kval[k+2]*xn[kcol[k+2]]+kval[k+3]*xn[kcol[k+3]]+kval[k+4]*xn[kcol[k+4]]; double q1=kval[k+5]*xn[kcol[k+5]]+kval[k+6]*xn[kcol[k+6]]+kval[k+7]*xn[kcol[k+7]]+kval[k+8]*xn[kcol[k+8]]+kval[k+9]*xn[kcol[k+9]]; acc+=p[base+xa]*q0; acc2+=p[base+xa]*q1;} y[s]=acc+acc2;} chk+=y[7];}
      long t4=System.nanoTime();
      System.out.printf("interleaved: P_pi CSR %.2f ns/entry, shared kernel %.2f ns/entry; per agent: P_pi CSR %.2f ns/entry, shared kernel %.2f ns/entry (chk %.3f)%n",
        (t1-t0)/(25.0*N*rowptr[0][S]), (t2-t1)/(25.0*N*S*A*B), (t3-t2)/(25.0*N*rowptr[0][S]), (t4-t3)/(25.0*N*S*A*B), chk);
    }
  }
}
