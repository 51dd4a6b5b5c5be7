"""An independently generated Garnet instance, written as a fednpg-mdp/1 file.

    python3 garnet_numpy.py STATES ACTIONS BRANCHING AGENTS SEED OUT.json [GAMMA]

NumPy's own generator (not fednpg's): for every (s, a), BRANCHING distinct next states drawn
uniformly without replacement and their probabilities the spacings of BRANCHING - 1 sorted
uniform cut points on [0, 1] (Archibald et al.'s Garnet); every agent's reward r_n(s, a) uniform
on [0, 1]; the initial distribution uniform. Used by side_by_side.sh to check the speed-up on
instances fednpg did not generate itself.
"""
import json
import sys

import numpy as np


def garnet(states, actions, branching, agents, seed):
    if not (1 <= branching <= states):
        raise SystemExit(f"branching must be in [1, {states}], got {branching}")
    rng = np.random.default_rng(seed)
    transitions = []
    for s in range(states):
        for a in range(actions):
            nxt = rng.choice(states, size=branching, replace=False)
            cuts = np.sort(rng.random(branching - 1))
            probs = np.diff(np.concatenate(([0.0], cuts, [1.0])))
            for t, p in zip(nxt, probs):
                if p > 0:
                    transitions.append([s, a, int(t), float(p)])
    rewards = rng.random((agents, states, actions))
    return transitions, rewards


def main():
    if len(sys.argv) not in (7, 8):
        raise SystemExit(__doc__)
    states, actions, branching, agents, seed = (int(v) for v in sys.argv[1:6])
    out = sys.argv[6]
    gamma = float(sys.argv[7]) if len(sys.argv) == 8 else 0.99
    transitions, rewards = garnet(states, actions, branching, agents, seed)
    doc = {
        "format": "fednpg-mdp/1",
        "name": f"numpy-garnet-{states}-{actions}-{branching}-seed{seed}",
        "states": states,
        "actions": actions,
        "gamma": gamma,
        "initial": [1.0 / states] * states,
        "transitions": transitions,
        "rewards": [[list(map(float, row)) for row in agent] for agent in rewards],
    }
    with open(out, "w") as f:
        json.dump(doc, f)
    print(f"wrote {out} ({doc['name']}: {len(transitions)} transitions, {agents} agents)")


if __name__ == "__main__":
    main()
