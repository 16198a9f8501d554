import * as ipaddr from 'ipaddr.js';
import { AddressPolicy, embeddedIPv4 } from './address-policy';

describe('AddressPolicy', () => {
  const strict = new AddressPolicy();
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.8.9.10', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'linkLocal'],
    ['100.100.100.200', 'carrierGradeNat'],
    ['0.0.0.0', 'unspecified'],
    ['255.255.255.255', 'broadcast'],
    ['224.0.0.1', 'multicast'],
    ['192.0.0.192', 'reserved'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fe80::1', 'linkLocal'],
    ['fd00:ec2::254', 'uniqueLocal'],
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:127.0.0.1', 'loopback'],
    // IPv4-compatible (deprecated): what URL parsing makes of http://[::127.0.0.1]/.
    ['::7f00:1', 'loopback'],
    ['::127.0.0.1', 'loopback'],
    ['::a9fe:a9fe', 'linkLocal'],
    ['::a00:1', 'private'],
    ['::2', 'unspecified'],
    // IPv4-translated (RFC 6145).
    ['::ffff:0:7f00:1', 'loopback'],
    // NAT64, well-known prefix and local-use /48 (every RFC 6052 layout that fits in it).
    ['64:ff9b::a00:1', 'private'],
    ['64:ff9b::7f00:1', 'loopback'],
    ['64:ff9b::a9fe:a9fe', 'linkLocal'],
    ['64:ff9b:1::7f00:1', 'loopback'],
    // 6to4: bits 16-47.
    ['2002:a00:1::', 'private'],
    ['2002:7f00:1::1', 'loopback'],
    ['2002:a9fe:a9fe::', 'linkLocal'],
    // Teredo: server 65.54.227.120 is public, client is the inverse of the last 32 bits.
    ['2001:0:4136:e378:8000:63bf:80ff:fffe', 'loopback'], // client 127.0.0.1
    ['2001:0:4136:e378:8000:63bf:f5ff:fffe', 'private'], // client 10.0.0.1
    ['2001:0:a00:1:8000:63bf:f7f7:f7f7', 'private'], // server 10.0.0.1, client 8.8.8.8
    ['not-an-ip', 'invalid'],
  ])('refuses %s (%s)', (addr, range) => {
    expect(strict.refusal(addr)).toBe(range);
  });

  it.each([
    '93.184.215.14',
    '8.8.8.8',
    '2606:4700:4700::1111',
    '::ffff:8.8.8.8',
    '::808:808',
    '64:ff9b::808:808',
    '2002:808:808::1',
    '2001:0:4136:e378:8000:63bf:f7f7:f7f7', // Teredo: server 65.54.227.120, client 8.8.8.8
  ])('allows public %s', (addr) => {
    expect(strict.refusal(addr)).toBeNull();
  });

  it.each([
    ['::ffff:1.2.3.4', ['1.2.3.4']],
    ['::1.2.3.4', ['1.2.3.4']],
    ['::ffff:0:1.2.3.4', ['1.2.3.4']],
    ['64:ff9b::1.2.3.4', ['1.2.3.4']],
    ['64:ff9b:1:102:3:400::', ['0.0.0.0', '3.4.0.0', '2.3.4.0', '1.2.3.4']],
    ['2002:102:304::', ['1.2.3.4']],
    ['2001:0:102:304::fefd:fcfb', ['1.2.3.4', '1.2.3.4']],
    ['::', []],
    ['::1', []],
    ['2606:4700:4700::1111', []],
    ['64:ff9b:2::1.2.3.4', []],
  ])('finds the IPv4 inside %s', (addr, want) => {
    expect(embeddedIPv4(ipaddr.IPv6.parse(addr)).map(String)).toEqual(want);
  });

  it('refuses a local-use NAT64 address when any RFC 6052 layout puts an internal address in it', () => {
    // /64 layout: 127.0.0.1; the /96 reading (1.0.0.0) is public.
    expect(strict.refusal('64:ff9b:1:0:7f:0:100::')).not.toBeNull();
    expect(strict.refusal('64:ff9b:1:808:8:808:808:808')).toBeNull();
  });

  it('allows exactly what the allowlist names', () => {
    const p = new AddressPolicy(['127.0.0.1/32', '10.9.0.0/16', '::1']);
    expect(p.refusal('127.0.0.1')).toBeNull();
    expect(p.refusal('::ffff:127.0.0.1')).toBeNull();
    expect(p.refusal('127.0.0.2')).toBe('loopback');
    expect(p.refusal('10.9.200.1')).toBeNull();
    expect(p.refusal('10.10.0.1')).toBe('private');
    expect(p.refusal('::1')).toBeNull();
    expect(p.refusal('169.254.169.254')).toBe('linkLocal');
    // Embedded forms are judged by the IPv4 address, allowlist included.
    expect(p.refusal('::7f00:1')).toBeNull();
    expect(p.refusal('64:ff9b::a09:1')).toBeNull();
    expect(p.refusal('2002:a0a:1::')).toBe('private');
  });
});
