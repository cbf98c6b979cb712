package dev.authaudit.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AddressRolesTest {
    @Test
    void noRoleIsEmpty() {
        Auditor.AddressRoles r = new Auditor.AddressRoles();
        assertFalse(r.hasCustomer());
        assertFalse(r.hasOneOff());
        assertTrue(r.customerOf().isEmpty());
        assertTrue(r.attackerOf().isEmpty());
        assertTrue(r.oneOffOf().isEmpty());
    }

    @Test
    void oneLoginTwiceStaysOne() {
        Auditor.AddressRoles r = new Auditor.AddressRoles();
        r.addOneOff("a@example.com");
        r.addOneOff("a@example.com");
        assertTrue(r.hasOneOff());
        assertEquals(Set.of("a@example.com"), r.oneOffOf());
        assertTrue(r.attackerOf().isEmpty());
    }

    @Test
    void iteratesAsAHashSetGivenTheSameAdds() {
        // many logins (past a hash set's first resize) with repeats, in the roles' own order
        List<String> adds = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            adds.add("user" + (i * 7 % 23) + "@example.com");
        }
        for (int n = 1; n <= adds.size(); n++) {
            Auditor.AddressRoles r = new Auditor.AddressRoles();
            Set<String> expected = new HashSet<>();
            for (String login : adds.subList(0, n)) {
                r.addAttacker(login);
                expected.add(login);
            }
            assertEquals(new ArrayList<>(expected), new ArrayList<>(r.attackerOf()), "after " + n + " adds");
            assertTrue(r.customerOf().isEmpty());
        }
    }

    @Test
    void ofAddsOnceAndFindsAgain() {
        Map<String, Auditor.AddressRoles> roles = new HashMap<>();
        Auditor.AddressRoles r = Auditor.AddressRoles.of(roles, "192.0.2.1");
        r.addCustomer("c@example.com");
        assertSame(r, Auditor.AddressRoles.of(roles, "192.0.2.1"));
        assertEquals(1, roles.size());
        assertTrue(roles.get("192.0.2.1").hasCustomer());
    }
}
