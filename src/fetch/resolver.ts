import { Injectable } from '@nestjs/common';
import { promises as dns } from 'dns';

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** DNS behind one injectable class, so tests can make a name resolve anywhere without touching /etc/hosts. */
@Injectable()
export class HostResolver {
  async resolve(hostname: string): Promise<ResolvedAddress[]> {
    const all = await dns.lookup(hostname, { all: true, verbatim: true });
    return all.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
  }
}
