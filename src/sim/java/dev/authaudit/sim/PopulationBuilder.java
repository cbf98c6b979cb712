package dev.authaudit.sim;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Builds a plausible customer base: small businesses with an office NAT, role and personal mailboxes,
 * owners at home (some households share a NAT), and one to three devices per mailbox.
 */
final class PopulationBuilder {
    private final SplittableRandom rng;
    private final AddressPool pool;
    private final CsfSettings csf;

    PopulationBuilder(SplittableRandom rng, AddressPool pool, CsfSettings csf) {
        this.rng = rng;
        this.pool = pool;
        this.csf = csf;
    }

    /** Builds {@code mailboxes} mailboxes over {@code domains} domains. */
    Population build(int mailboxes, int domains) {
        List<String> domainNames = domainNames(domains);
        List<String> offices = new ArrayList<>();
        for (int i = 0; i < domains; i++) {
            offices.add(rng.nextInt(10) < 7 ? pool.allocate(AddressRange.OFFICE) : null);
        }
        List<Mailbox> boxes = new ArrayList<>();
        Set<String> logins = new HashSet<>();
        String lastHome = null;
        for (int i = 0; i < mailboxes; i++) {
            // Every domain gets its first mailbox before any gets a second, then the rest spread unevenly.
            int d = i < domains ? i : pickDomain(domains);
            String domain = domainNames.get(d);
            String local = localPart(domain, logins);
            String login = local + "@" + domain;
            logins.add(login);
            String home = lastHome != null && rng.nextInt(100) < 12 ? lastHome : pool.allocate(AddressRange.HOME);
            lastHome = home;
            String office = offices.get(d);
            boolean role = Names.ROLE.contains(local);
            boxes.add(new Mailbox(login, domain, home, office, devices(login, home, office, role)));
        }
        return new Population(domainNames, boxes);
    }

    private List<String> domainNames(int n) {
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String[] fixed = {"example.com", "example.net", "example.org"};
        for (int i = 0; i < n; i++) {
            String name;
            if (i < fixed.length) {
                name = fixed[i];
            } else {
                do {
                    name = Names.COMPANY.get(rng.nextInt(Names.COMPANY.size())) + "-"
                            + Names.TRADE.get(rng.nextInt(Names.TRADE.size()))
                            + (seen.size() > 300 ? String.valueOf(rng.nextInt(1000)) : "") + ".example";
                } while (!seen.add(name));
            }
            seen.add(name);
            names.add(name);
        }
        return names;
    }

    private int pickDomain(int domains) {
        // Skewed: a few domains hold many mailboxes, most hold a handful.
        double u = rng.nextDouble();
        return (int) Math.min(domains - 1, Math.floor(domains * u * u));
    }

    private String localPart(String domain, Set<String> taken) {
        for (int attempt = 0; attempt < 50; attempt++) {
            String l;
            int r = rng.nextInt(100);
            if (r < 25) {
                l = Names.ROLE.get(rng.nextInt(Names.ROLE.size()));
            } else if (r < 80) {
                l = Names.FIRST.get(rng.nextInt(Names.FIRST.size()));
            } else {
                l = Names.FIRST.get(rng.nextInt(Names.FIRST.size())) + "."
                        + Names.COMPANY.get(rng.nextInt(Names.COMPANY.size()));
            }
            if (!taken.contains(l + "@" + domain)) {
                return l;
            }
        }
        return "user" + taken.size();
    }

    private List<Device> devices(String login, String home, String office, boolean role) {
        int n = 1 + (rng.nextInt(100) < 25 ? 0 : rng.nextInt(100) < 60 ? 1 : 2);
        List<Device> list = new ArrayList<>();
        Set<DeviceKind> kinds = new HashSet<>();
        for (int i = 0; i < n; i++) {
            DeviceKind kind;
            if (i == 0) {
                kind = role && office != null && rng.nextBoolean() ? DeviceKind.DESKTOP
                        : rng.nextInt(10) < 9 ? DeviceKind.PHONE : DeviceKind.LAPTOP;
            } else {
                DeviceKind[] options = {DeviceKind.LAPTOP, DeviceKind.DESKTOP, DeviceKind.TABLET, DeviceKind.PHONE};
                kind = options[rng.nextInt(options.length)];
            }
            if (!kinds.add(kind)) {
                kind = kinds.contains(DeviceKind.LAPTOP) ? DeviceKind.TABLET : DeviceKind.LAPTOP;
                if (!kinds.add(kind)) {
                    continue;
                }
            }
            if (kind == DeviceKind.DESKTOP && office == null && rng.nextBoolean()) {
                kind = DeviceKind.LAPTOP;
            }
            list.add(device(login, kind, home, office));
        }
        return list;
    }

    private Device device(String login, DeviceKind kind, String home, String office) {
        ClientProfile p;
        int r = rng.nextInt(100);
        switch (kind) {
            case PHONE:
                p = r < 50 ? ClientProfile.IOS_MAIL : r < 75 ? ClientProfile.ANDROID_GMAIL : ClientProfile.SAMSUNG_EMAIL;
                break;
            case TABLET:
                p = r < 70 ? ClientProfile.IOS_MAIL : ClientProfile.SAMSUNG_EMAIL;
                break;
            case DESKTOP:
                p = r < 60 ? ClientProfile.OUTLOOK : ClientProfile.THUNDERBIRD;
                break;
            default:
                p = r < 40 ? ClientProfile.OUTLOOK : r < 65 ? ClientProfile.THUNDERBIRD : ClientProfile.APPLE_MAIL;
        }
        int f = rng.nextInt(100);
        boolean popCapable = p == ClientProfile.OUTLOOK || p == ClientProfile.SAMSUNG_EMAIL
                || p == ClientProfile.THUNDERBIRD;
        String fetch = f < 3 ? "none" : popCapable && f < 30 ? "pop3" : "imap";
        int poll = p.pollMinutes[rng.nextInt(p.pollMinutes.length)] * 60;
        int port = submissionPort();
        double sends;
        switch (kind) {
            case PHONE: sends = 2 + rng.nextDouble() * 4; break;
            case TABLET: sends = 0.3 + rng.nextDouble() * 1.5; break;
            case DESKTOP: sends = 8 + rng.nextDouble() * 17; break;
            default: sends = 4 + rng.nextDouble() * 11;
        }
        boolean mobileOnly = kind == DeviceKind.PHONE && rng.nextInt(10) == 0;
        String helo;
        switch (p.helo) {
            case LOCALHOST: helo = "localhost"; break;
            case NETBIOS: helo = "DESKTOP-" + token(7); break;
            default:
                helo = kind == DeviceKind.PHONE && rng.nextBoolean()
                        ? "[10." + rng.nextInt(256) + "." + rng.nextInt(256) + "." + (2 + rng.nextInt(250)) + "]"
                        : "[192.168." + (rng.nextBoolean() ? 1 : 0) + "." + (2 + rng.nextInt(250)) + "]";
        }
        String id = login + "/" + kind.name().toLowerCase(java.util.Locale.ROOT);
        return new Device(id, login, kind, p, fetch, poll, port, sends, home, office, mobileOnly, helo,
                rng.nextInt(poll));
    }

    private int submissionPort() {
        int r = rng.nextInt(100);
        if (csf.isOpen(587)) {
            return r < 70 ? 587 : r < 95 ? 465 : 25;
        }
        return r < 85 ? 465 : 25;
    }

    private String token(int n) {
        String chars = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789";
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append(chars.charAt(rng.nextInt(chars.length())));
        }
        return b.toString();
    }
}
