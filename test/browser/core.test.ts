import { expect } from '@open-wc/testing';
import { FIELDS, SegmentError, normalisePhone } from '../../src/core.ts';

describe('user-segments/core in the browser', () => {
  it('normalises phones the same way as in Node', () => {
    expect(normalisePhone('098765 43210')).to.equal('+919876543210');
  });

  it('reports errors as SegmentError values with a code', () => {
    const error = new SegmentError('invalid', 'Filter is not valid', {
      issues: [{ path: 'rules', code: 'empty-group', message: 'Add at least one condition.' }],
    });
    expect(error.toJSON()).to.deep.equal({
      code: 'invalid',
      message: 'Filter is not valid',
      issues: [{ path: 'rules', code: 'empty-group', message: 'Add at least one condition.' }],
    });
    expect(FIELDS.map((f) => f.id)).to.include.members(['email', 'phone', 'createdOn']);
  });
});
