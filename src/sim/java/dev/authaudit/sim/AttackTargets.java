package dev.authaudit.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Builds the login lists attackers work through: guessed role names, harvested real addresses, bare names. */
final class AttackTargets {
    private final Population population;
    private final SplittableRandom rng;

    AttackTargets(Population population, SplittableRandom rng) {
        this.population = population;
        this.rng = rng;
    }

    /** Role-style guesses on a few of the host's domains, plus some harvested real addresses. */
    List<String> dictionary(int domains) {
        List<String> out = new ArrayList<>();
        List<String> ds = population.domains();
        for (int i = 0; i < domains; i++) {
            String dom = ds.get(rng.nextInt(ds.size()));
            for (String g : Names.GUESSED) {
                if (rng.nextInt(3) != 0) {
                    out.add(g + "@" + dom);
                }
            }
        }
        out.addAll(realLogins(2 + rng.nextInt(6)));
        if (rng.nextBoolean()) {
            out.addAll(Names.BARE.subList(0, 3 + rng.nextInt(6)));
        }
        shuffle(out);
        return out;
    }

    /** Real mailbox logins, as harvested from websites or a leak. */
    List<String> realLogins(int n) {
        List<String> out = new ArrayList<>();
        List<Mailbox> all = population.mailboxes();
        for (int i = 0; i < n; i++) {
            out.add(all.get(rng.nextInt(all.size())).login());
        }
        return out;
    }

    /** Logins that do not exist on the host: bare names and plausible people at its domains. */
    List<String> nonexistent(int n) {
        List<String> out = new ArrayList<>();
        List<String> ds = population.domains();
        java.util.Set<String> real = population.byLogin().keySet();
        while (out.size() < n) {
            String l = rng.nextInt(3) == 0 ? Names.BARE.get(rng.nextInt(Names.BARE.size()))
                    : Names.FIRST.get(rng.nextInt(Names.FIRST.size())) + (rng.nextBoolean() ? "" : rng.nextInt(99))
                    + "@" + ds.get(rng.nextInt(ds.size()));
            if (!real.contains(l)) {
                out.add(l);
            }
        }
        return out;
    }

    /** A guessed password; mostly distinct each time. */
    String guess() {
        String w = Names.PASSWORDS.get(rng.nextInt(Names.PASSWORDS.size()));
        int r = rng.nextInt(4);
        return r == 0 ? w : r == 1 ? w + rng.nextInt(10_000) : r == 2 ? capitalize(w) + "!" + rng.nextInt(100)
                : w + "@" + (2015 + rng.nextInt(11));
    }

    private static String capitalize(String w) {
        return Character.toUpperCase(w.charAt(0)) + w.substring(1);
    }

    void shuffle(List<String> l) {
        for (int i = l.size() - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            String t = l.get(i);
            l.set(i, l.get(j));
            l.set(j, t);
        }
    }
}
