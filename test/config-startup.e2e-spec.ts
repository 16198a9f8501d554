import { startToExit } from './support/service-process';

/**
 * A bad configuration value stops the real process before anything boots: exit code 2, one line
 * naming the variable, no stack trace (and, for HOST, no full boot that then dies in getaddrinfo).
 */
describe('start-up configuration errors (real process)', () => {
  it.each([
    ['HOST', 'not-a-host', /^configuration error: HOST must be an IP address to listen on .* got "not-a-host"$/m],
    ['FETCH_ALLOW_CIDRS', 'notacidr', /^configuration error: FETCH_ALLOW_CIDRS entry "notacidr" must be an IP address or CIDR/m],
  ])('%s=%s is refused at start, naming the variable', async (name, value, message) => {
    const { code, output } = await startToExit({ [name]: value });
    expect(code).toBe(2);
    expect(output).toMatch(message);
    expect(output).not.toMatch(/^\s+at /m);
    expect(output).not.toMatch(/getaddrinfo|Nest application|ExceptionHandler/);
  });
});
