import BetterSqlite3 from 'better-sqlite3';
import { cachingDatabase } from './statement-cache';

describe('cachingDatabase', () => {
  const open = () => {
    const db = new BetterSqlite3(':memory:');
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');
    const spy = jest.spyOn(db, 'prepare');
    return { db, spy, cached: cachingDatabase(db, 2) };
  };

  it('compiles a statement once and reuses it, with its parameters', () => {
    const { spy, cached } = open();
    const insert = 'INSERT INTO t (v) VALUES (?)';
    cached.prepare(insert).run(['a']);
    cached.prepare(insert).run(['b']);
    expect(spy).toHaveBeenCalledTimes(1);
    expect(cached.prepare('SELECT v FROM t ORDER BY id').all([])).toEqual([{ v: 'a' }, { v: 'b' }]);
  });

  it('keeps at most `max` statements, dropping the least recently used', () => {
    const { spy, cached } = open();
    const [a, b, c] = ['SELECT 1 AS x', 'SELECT 2 AS x', 'SELECT 3 AS x'];
    cached.prepare(a);
    cached.prepare(b);
    cached.prepare(a); // a is now the most recent
    cached.prepare(c); // evicts b
    expect(cached.cachedStatements).toBe(2);
    spy.mockClear();
    cached.prepare(a);
    cached.prepare(b);
    expect(spy.mock.calls.map((call) => call[0])).toEqual([b]);
  });

  it('does not hand out a statement that is still iterating', () => {
    const { cached } = open();
    cached.prepare('INSERT INTO t (v) VALUES (?), (?)').run(['a', 'b']);
    const sql = 'SELECT v FROM t ORDER BY id';
    const it = cached.prepare(sql).iterate([]) as IterableIterator<{ v: string }>;
    expect(it.next().value).toEqual({ v: 'a' });
    // The same SQL while the first is mid-iteration: a second, independent statement.
    expect(cached.prepare(sql).all([])).toEqual([{ v: 'a' }, { v: 'b' }]);
    expect(it.next().value).toEqual({ v: 'b' });
    it.return?.();
  });
});
