import { describe, expect, it } from 'vitest';

import { eventSkeleton, skeleton } from './skeleton';

describe('skeleton', () => {
  it('keeps key order and JSON types, drops values', () => {
    expect(skeleton({ b: 1, a: 'x', c: null, d: [true] })).toBe(
      '{b:number,a:string,c:null,d:[boolean]}',
    );
    expect(skeleton({ a: 1, b: 2 })).not.toBe(skeleton({ b: 2, a: 1 }));
  });

  it('reduces arrays to the set of their element shapes', () => {
    expect(skeleton([1, 2, 3])).toBe(skeleton([4]));
    expect(skeleton([{ p: 1 }, { p: null }])).toBe('[{p:null}|{p:number}]');
    expect(skeleton([])).toBe('[]');
  });

  it('tells string ids and the 1y period from numbers', () => {
    expect(eventSkeleton('uptime', ['1', '1y', 1])).toBe(
      '(string, string, number)',
    );
    expect(eventSkeleton('uptime', [1, 24, 1])).toBe(
      '(number, number, number)',
    );
  });

  it('parses the certInfo string', () => {
    expect(eventSkeleton('certInfo', [6, '{"valid":true}'])).toBe(
      '(number, json{valid:boolean})',
    );
  });
});
