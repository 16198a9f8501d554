import * as ipaddr from 'ipaddr.js';

/**
 * Which resolved addresses outbound requests may connect to. The range table is ipaddr.js's (kept
 * current with the IANA special-purpose registries); the rule on top is ours and deliberately blunt:
 * only ordinary public unicast is reachable. That refuses loopback, RFC 1918, link-local (which holds
 * the cloud metadata address 169.254.169.254), carrier-grade NAT (Alibaba's 100.100.100.200),
 * unique-local (AWS's fd00:ec2::254), multicast, reserved, and the IPv6 transition ranges that embed
 * an IPv4 address (NAT64, 6to4, Teredo) — unless an explicit allowlist CIDR contains the address.
 */
export class AddressPolicy {
  private readonly allow: [ipaddr.IPv4 | ipaddr.IPv6, number][];

  constructor(allowCidrs: string[] = []) {
    this.allow = allowCidrs.map((c) => {
      const cidr = c.includes('/') ? c : `${c}/${ipaddr.parse(c).kind() === 'ipv4' ? 32 : 128}`;
      const [addr, bits] = ipaddr.parseCIDR(cidr);
      return [normalise(addr), normalise(addr).kind() === addr.kind() ? bits : bits - 96];
    });
  }

  /** null when the address may be connected to, else the range that refuses it. */
  refusal(address: string): string | null {
    if (!ipaddr.isValid(address)) return 'invalid';
    const addr = normalise(ipaddr.parse(address));
    if (this.allow.some(([net, bits]) => net.kind() === addr.kind() && addr.match(net, bits))) return null;
    const range = addr.range();
    return range === 'unicast' ? null : range;
  }
}

/** ::ffff:10.0.0.1 is 10.0.0.1: judge the IPv4 address it maps. */
function normalise(addr: ipaddr.IPv4 | ipaddr.IPv6): ipaddr.IPv4 | ipaddr.IPv6 {
  return addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).isIPv4MappedAddress() ? (addr as ipaddr.IPv6).toIPv4Address() : addr;
}
