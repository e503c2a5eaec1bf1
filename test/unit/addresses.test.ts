import { describe, expect, it } from 'vitest'
import { parseIpAddr, rankAddresses } from '../../src-main/servers/addresses'

const IP_ADDR = `1: lo    inet 127.0.0.1/8 scope host lo\\       valid_lft forever preferred_lft forever
1: lo    inet6 ::1/128 scope host \\       valid_lft forever preferred_lft forever
2: eth0    inet 203.0.113.7/24 brd 203.0.113.255 scope global eth0\\       valid_lft forever preferred_lft forever
2: eth0    inet6 2001:db8::7/64 scope global \\       valid_lft forever preferred_lft forever
2: eth0    inet6 fe80::1/64 scope link \\       valid_lft forever preferred_lft forever
3: docker0    inet 172.17.0.1/16 brd 172.17.255.255 scope global docker0\\       valid_lft forever preferred_lft forever
4: docker_gwbridge    inet 172.18.0.1/16 scope global docker_gwbridge\\       valid_lft forever preferred_lft forever
5: wg0@NONE    inet 10.9.0.2/24 scope global wg0\\       valid_lft forever preferred_lft forever`

describe('advertise addresses', () => {
  it('parses ip -o addr and drops Docker’s own interfaces, loopback and link-local', () => {
    expect(rankAddresses(parseIpAddr(IP_ADDR))).toEqual(['203.0.113.7', '10.9.0.2', '2001:db8::7'])
  })
  it('puts the address the user dialed first', () => {
    expect(rankAddresses(parseIpAddr(IP_ADDR), '10.9.0.2')).toEqual(['10.9.0.2', '203.0.113.7', '2001:db8::7'])
  })
  it('ignores a dialed name that is not an IP', () => {
    expect(rankAddresses(parseIpAddr(IP_ADDR), 'example.org')[0]).toBe('203.0.113.7')
  })
  it('falls back to loopback when that is all there is', () => {
    expect(rankAddresses(parseIpAddr('1: lo    inet 127.0.0.1/8 scope host lo'))).toEqual(['127.0.0.1'])
  })
})
