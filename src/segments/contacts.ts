import { SegmentError } from '../errors.ts';
import type { MemberContact } from '../adapter.ts';
import type { Issue } from '../model.ts';
import { normalisePhone } from '../phone.ts';
import { breathe } from '../breathe.ts';
import { MAX_ISSUES } from './rules.ts';

/**
 * The contacts of an `addMembers` batch, checked the same way by every adapter and the reference
 * backend.
 */

/** A contact of a batch in stored form. */
export interface Contact {
  /** E.164, e.g. `+919876543210`. */
  phone?: string;
  /** Trimmed and lower-cased. */
  email?: string;
}

/**
 * The contacts of a batch in stored form, or `invalid` naming each contact with neither. Checked
 * in slices that give the page a turn (100,000 contacts are ~100 ms of work), and in linear time
 * whatever the input: the loose email regex this replaces backtracked quadratically, so five
 * crafted 50 kB addresses blocked the page for 8 s.
 */
export async function checkContacts(
  batch: readonly MemberContact[],
  defaultCountry: string,
): Promise<Contact[]> {
  if (!Array.isArray(batch)) {
    throw new SegmentError('invalid', 'Send members as a list of { phone, email }.', {
      issues: [{ path: 'batch', code: 'not-a-list', message: 'Send members as an array.' }],
    });
  }
  const issues: Issue[] = [];
  const contacts: Contact[] = [];
  for (let i = 0; i < batch.length; i++) {
    if (i % 128 === 0) await breathe();
    const raw = batch[i];
    const phone =
      typeof raw?.phone === 'string' && raw.phone.trim()
        ? normalisePhone(raw.phone, defaultCountry)
        : undefined;
    const trimmed = typeof raw?.email === 'string' ? raw.email.trim() : '';
    const email = looksLikeEmail(trimmed) ? trimmed.toLowerCase() : undefined;
    if (!phone && !email) {
      if (issues.length < MAX_ISSUES) {
        issues.push({
          path: `batch.${i}`,
          code: 'no-contact',
          message: `Member ${i + 1} has neither a valid phone number nor a valid email.`,
        });
      }
      continue;
    }
    const contact: Contact = {};
    if (phone) contact.phone = phone;
    if (email) contact.email = email;
    contacts.push(contact);
  }
  if (issues.length) {
    throw new SegmentError('invalid', `No members were added: ${issues.length} are not valid.`, {
      issues,
    });
  }
  return contacts;
}

/**
 * Deliberately loose (the CSV pipeline has checked emails already; this only rejects junk), and
 * linear: what /^[^\s@]+@[^\s@]+\.[^\s@]+$/ accepts — one "@" with text before it, no
 * whitespace, and a dot after the "@" with text on both sides — decided in one pass.
 */
export function looksLikeEmail(text: string): boolean {
  const at = text.indexOf('@');
  if (at < 1 || text.indexOf('@', at + 1) >= 0 || WHITESPACE.test(text)) return false;
  // A dot with at least one character between it and the "@", and one after it.
  const dot = text.indexOf('.', at + 2);
  return dot >= 0 && dot < text.length - 1;
}

const WHITESPACE = /\s/;
