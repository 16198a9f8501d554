import * as ipaddr from 'ipaddr.js';

type Addr = ipaddr.IPv4 | ipaddr.IPv6;

/**
 * Which resolved addresses outbound requests may connect to. The range table is ipaddr.js's (kept
 * current with the IANA special-purpose registries); the rule on top is ours and deliberately blunt:
 * only ordinary public unicast is reachable. That refuses loopback, RFC 1918, link-local (which holds
 * the cloud metadata address 169.254.169.254), carrier-grade NAT (Alibaba's 100.100.100.200),
 * unique-local (AWS's fd00:ec2::254), multicast and reserved ranges — unless an explicit allowlist
 * CIDR contains the address.
 *
 * An IPv6 address that carries an IPv4 address (embedded-ipv4.ts) is judged by that IPv4 address,
 * because a translator or tunnel on the path delivers the packets there: `::127.0.0.1` is loopback.
 */
export class AddressPolicy {
  private readonly allow: [Addr, number][];

  /** Throws on an entry that is not an address or CIDR (configuration validates first, naming the variable). */
  constructor(allowCidrs: string[] = []) {
    this.allow = allowCidrs.map(parseAllowCidr);
  }

  /** null when the address may be connected to, else the range that refuses it. */
  refusal(address: string): string | null {
    if (!ipaddr.isValid(address)) return 'invalid';
    const addr = ipaddr.parse(address);
    if (this.allowed(addr)) return null;
    if (addr.kind() === 'ipv6') {
      const embedded = embeddedIPv4(addr as ipaddr.IPv6);
      // Every candidate must pass: a Teredo address names a server and a client, and refusing when
      // either is internal is the only safe reading.
      if (embedded.length) return embedded.map((v4) => (this.allowed(v4) ? null : publicOrRange(v4))).find((r) => r !== null) ?? null;
    }
    return publicOrRange(addr);
  }

  private allowed(addr: Addr): boolean {
    return this.allow.some(([net, bits]) => net.kind() === addr.kind() && addr.match(net, bits));
  }
}

function publicOrRange(addr: Addr): string | null {
  const range = addr.range();
  return range === 'unicast' ? null : range;
}

/** "127.0.0.1", "10.9.0.0/16", "::1", "::ffff:10.0.0.0/104" (an IPv4-mapped net becomes the IPv4 net). */
export function parseAllowCidr(entry: string): [Addr, number] {
  const cidr = entry.includes('/') ? entry : `${entry}/${ipaddr.parse(entry).kind() === 'ipv4' ? 32 : 128}`;
  const [addr, bits] = ipaddr.parseCIDR(cidr);
  if (addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).isIPv4MappedAddress() && bits >= 96) return [(addr as ipaddr.IPv6).toIPv4Address(), bits - 96];
  return [addr, bits];
}

const v4 = (bytes: number[], at: number) => new ipaddr.IPv4(bytes.slice(at, at + 4));

/**
 * The IPv4 addresses an IPv6 address hands its packets to, or [] when it embeds none:
 * - IPv4-mapped ::ffff:0:0/96, IPv4-translated ::ffff:0:0:0/96 (RFC 6145) and the deprecated
 *   IPv4-compatible ::/96 (`::127.0.0.1`, which URL parsing writes as `::7f00:1`), except :: and ::1;
 * - NAT64: the well-known prefix 64:ff9b::/96 (RFC 6052), and the local-use 64:ff9b:1::/48 (RFC 8215)
 *   whose operator picks the prefix length, so every RFC 6052 position that fits in it is a candidate;
 * - 6to4 2002::/16: bits 16-47;
 * - Teredo 2001::/32: the server at bits 32-63 and the client, inverted, in the last 32 bits.
 */
export function embeddedIPv4(addr: ipaddr.IPv6): ipaddr.IPv4[] {
  const b = addr.toByteArray();
  const w = addr.parts;
  const zeros = (from: number, to: number) => b.slice(from, to).every((x) => x === 0);
  if (zeros(0, 10) && b[10] === 0xff && b[11] === 0xff) return [v4(b, 12)];
  if (zeros(0, 12) && !(zeros(12, 15) && b[15] <= 1)) return [v4(b, 12)];
  if (w[0] === 0 && w[1] === 0 && w[2] === 0 && w[3] === 0 && w[4] === 0xffff && w[5] === 0) return [v4(b, 12)];
  if (w[0] === 0x64 && w[1] === 0xff9b && zeros(4, 12)) return [v4(b, 12)];
  if (w[0] === 0x64 && w[1] === 0xff9b && w[2] === 1) {
    // RFC 6052 layouts for /96, /64, /56 and /48 (the first refusal names the range); bits 64-71 are the reserved "u" octet.
    return [[12, 13, 14, 15], [9, 10, 11, 12], [7, 9, 10, 11], [6, 7, 9, 10]].map((at) => new ipaddr.IPv4(at.map((i) => b[i])));
  }
  if (w[0] === 0x2002) return [v4(b, 2)];
  if (w[0] === 0x2001 && w[1] === 0) return [v4(b, 4), new ipaddr.IPv4(b.slice(12, 16).map((x) => x ^ 0xff))];
  return [];
}
