package dev.sluice.source;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.InetAddress;
import java.net.UnknownHostException;

import static org.assertj.core.api.Assertions.assertThat;

class AddressScopeTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            "0.0.0.0, UNSPECIFIED",
            "0.1.2.3, UNSPECIFIED",
            "127.0.0.1, LOOPBACK",
            "127.255.255.254, LOOPBACK",
            "10.0.0.1, PRIVATE",
            "172.16.0.1, PRIVATE",
            "172.31.255.255, PRIVATE",
            "192.168.1.1, PRIVATE",
            "100.64.0.1, SHARED",
            "100.127.255.255, SHARED",
            "169.254.169.254, LINK_LOCAL",
            "224.0.0.1, MULTICAST",
            "239.255.255.250, MULTICAST",
            "255.255.255.255, BROADCAST",
            "240.0.0.1, RESERVED",
            "192.0.0.170, RESERVED",
            "198.18.0.1, RESERVED",
            "192.0.2.1, DOCUMENTATION",
            "203.0.113.9, DOCUMENTATION",
            "::, UNSPECIFIED",
            "::1, LOOPBACK",
            "fe80::1, LINK_LOCAL",
            "fc00::1, PRIVATE",
            "fd12:3456::1, PRIVATE",
            "fec0::1, PRIVATE",
            "ff02::1, MULTICAST",
            "::ffff:127.0.0.1, LOOPBACK",
            "::ffff:169.254.169.254, LINK_LOCAL",
            "::ffff:10.1.2.3, PRIVATE",
            "::127.0.0.1, RESERVED",
            "64:ff9b::a9fe:a9fe, RESERVED",
            "2001:db8::1, DOCUMENTATION",
            "2001::1, RESERVED",
            "2002:7f00:1::1, LOOPBACK",
            "2002:a9fe:a9fe::1, LINK_LOCAL",
    })
    void internal_addresses_are_told_apart_from_public_ones(String address, AddressScope expected) throws UnknownHostException {
        assertThat(AddressScope.of(InetAddress.getByName(address))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} is public")
    @CsvSource({"1.1.1.1", "8.8.8.8", "93.184.216.34", "100.63.255.255", "100.128.0.1", "172.15.255.255",
            "172.32.0.1", "169.253.255.255", "223.255.255.255", "2606:4700:4700::1111", "2a00:1450:4001::200e",
            "2002:808:808::1"})
    void global_unicast_addresses_are_public(String address) throws UnknownHostException {
        assertThat(AddressScope.of(InetAddress.getByName(address))).isEqualTo(AddressScope.PUBLIC);
    }

    @ParameterizedTest(name = "{0} from bytes is {1}")
    @CsvSource({"00000000000000000000ffff7f000001, LOOPBACK", "00000000000000000000ffffa9fea9fe, LINK_LOCAL"})
    void an_ipv4_mapped_address_kept_in_its_ipv6_form_is_judged_by_its_ipv4_address(String hex, AddressScope expected)
            throws UnknownHostException {
        byte[] bytes = java.util.HexFormat.of().parseHex(hex);
        InetAddress sixteenBytes = java.net.Inet6Address.getByAddress(null, bytes, -1);

        assertThat(sixteenBytes.getAddress()).hasSize(16);
        assertThat(AddressScope.of(sixteenBytes)).isEqualTo(expected);
    }
}
