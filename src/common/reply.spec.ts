import { deserialise, serialise } from './reply';

describe('stored replies', () => {
  it('round-trips JSON and binary answers with their headers', () => {
    const json = { status: 202, headers: { location: '/v1/moderations/1' }, body: { id: '1', nested: [1, 'a'] } };
    const s1 = serialise(json);
    expect(deserialise(202, s1.headers, s1.body)).toEqual(json);
    const bin = { status: 200, headers: { 'content-type': 'image/jpeg', 'x-moderation-id': '2' }, body: Buffer.from([0xff, 0xd8, 0xff]) };
    const s2 = serialise(bin);
    expect(deserialise(200, s2.headers, s2.body)).toEqual(bin);
  });
});
