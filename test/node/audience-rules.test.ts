/**
 * The storage-free rules of resolveAudience (src/segments/audience.ts) that every adapter and the
 * reference backend share: what a query may ask, why a person is left out, and which contacts a
 * listed person carries. Expected values are written out by hand.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  audienceMember,
  audienceRemoval,
  checkAudienceQuery,
} from '../../src/segments/audience.ts';
import { isSegmentError } from '../../src/errors.ts';
import type { AudienceQuery } from '../../src/adapter.ts';

const asha = { customerId: 'c1', phone: '+919876543210', email: 'asha@shop.in' };

describe('an audience member carries the contacts its channel uses', () => {
  test('sms: the phone only; email: the email only; any: both', () => {
    assert.deepEqual(audienceMember(asha, 'sms'), { customerId: 'c1', phone: '+919876543210' });
    assert.deepEqual(audienceMember(asha, 'email'), { customerId: 'c1', email: 'asha@shop.in' });
    assert.deepEqual(audienceMember(asha, 'any'), asha);
  });

  test('an uploaded contact without a customer has no customerId; empty contacts are left out', () => {
    assert.deepEqual(audienceMember({ phone: '+919123456789', email: '' }, 'any'), {
      phone: '+919123456789',
    });
  });
});

describe('why a person is left out', () => {
  const sms = { channel: 'sms', consentOnly: true } as const;

  test('consent is checked before the channel', () => {
    assert.equal(audienceRemoval({ email: 'a@b.in' }, sms), 'noConsent');
    assert.equal(audienceRemoval({ email: 'a@b.in', acceptsMarketing: true }, sms), 'noChannel');
    assert.equal(
      audienceRemoval({ phone: '+919876543210', acceptsMarketing: true }, sms),
      undefined,
    );
  });

  test('without consentOnly, consent does not matter; "any" needs one contact', () => {
    const any = { channel: 'any', consentOnly: false } as const;
    assert.equal(audienceRemoval({ email: 'a@b.in', acceptsMarketing: false }, any), undefined);
    assert.equal(audienceRemoval({ phone: '', email: '' }, any), 'noChannel');
  });
});

describe('an audience query', () => {
  const refused = (q: unknown, path: string) =>
    assert.throws(
      () => checkAudienceQuery(q as AudienceQuery),
      (error) => isSegmentError(error, 'invalid') && error.issues[0]?.path === path,
    );

  test('gets its defaults, and each segment once', () => {
    assert.deepEqual(checkAudienceQuery({ include: ['a', 'b', 'a'], channel: 'email' }), {
      include: ['a', 'b'],
      exclude: [],
      channel: 'email',
      consentOnly: false,
      limit: 50,
    });
    assert.deepEqual(
      checkAudienceQuery({
        include: ['a'],
        exclude: ['b', 'b'],
        channel: 'sms',
        consentOnly: true,
        limit: 200,
        cursor: 'next',
      }),
      {
        include: ['a'],
        exclude: ['b'],
        channel: 'sms',
        consentOnly: true,
        limit: 200,
        cursor: 'next',
      },
    );
  });

  test('names 50 segments at most on each side', () => {
    const ids = (n: number) => Array.from({ length: n }, (_, i) => `s${i}`);
    assert.equal(
      checkAudienceQuery({ include: ids(50), exclude: ids(50), channel: 'any' }).include.length,
      50,
    );
    refused({ include: ids(51), channel: 'any' }, 'include');
    refused({ include: ['a'], exclude: ids(51), channel: 'any' }, 'exclude');
  });

  test('is refused, naming the part, when it is not one', () => {
    refused(null, '');
    refused({ include: [], channel: 'sms' }, 'include');
    refused({ include: ['a', ''], channel: 'sms' }, 'include');
    refused({ include: ['a'], channel: 'whatsapp' }, 'channel');
    refused({ include: ['a'], channel: 'sms', consentOnly: 'yes' }, 'consentOnly');
    refused({ include: ['a'], channel: 'sms', cursor: '' }, 'cursor');
    refused({ include: ['a'], channel: 'sms', limit: 201 }, 'limit');
  });
});
