package dev.authaudit.sim;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The shared parts of one run that behaviours act on. Built once per run by {@link LogSimulator};
 * nothing in it is static, so runs never affect each other.
 */
record SimContext(SimulationSpec spec, long start, long end, SplittableRandom rng, EventLoop loop,
                  AddressPool pool, Population population, PasswordBook passwords, MailServer server,
                  TruthRecorder truth, TimeFormat time, List<String> remoteMtas) {

    /** Returns the local hour (0..23) at {@code t}. */
    int hour(long t) {
        return time.local(t).getHour();
    }

    /** Returns true on Saturday and Sunday, local time. */
    boolean weekend(long t) {
        int d = time.local(t).getDayOfWeek().getValue();
        return d >= 6;
    }

    /** Returns a uniformly random time within [from, to). */
    long between(SplittableRandom r, long from, long to) {
        return to <= from ? from : from + r.nextLong(to - from);
    }
}
