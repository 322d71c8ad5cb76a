// Encodings in a real browser: Chromium's TextDecoder is the one sellers' files meet, and Node
// 20's own Windows-1252 decoder gets 0x80–0x9F (€ “ ” …) wrong, so these run here too. The
// files are built byte by byte here (the test server would re-encode fixture files as UTF-8).
import { expect } from '@open-wc/testing';
import { parseCustomerCsv, peekCustomerCsv } from '../../src/csv/index.ts';

const TEXT =
  'name,phone,email\r\nJosé,98765 43210,jose@example.com\r\nMüller “Café” €5 – ok,not a phone,nope\r\n';

/** Windows-1252 bytes of the characters above 0x7F that TEXT uses. */
const WINDOWS_1252: Record<string, number> = {
  é: 0xe9,
  ü: 0xfc,
  '“': 0x93,
  '”': 0x94,
  '€': 0x80,
  '–': 0x96,
};

function utf16(text: string, littleEndian: boolean): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(2 + text.length * 2);
  const view = new DataView(bytes.buffer);
  view.setUint16(0, 0xfeff, littleEndian);
  for (let i = 0; i < text.length; i++) view.setUint16(2 + i * 2, text.charCodeAt(i), littleEndian);
  return bytes;
}

const files: [string, string, Uint8Array<ArrayBuffer>][] = [
  ['UTF-8', 'utf-8', new TextEncoder().encode(TEXT)],
  [
    'UTF-8 with BOM',
    'utf-8',
    new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(TEXT)]),
  ],
  ['UTF-16 LE with BOM', 'utf-16le', utf16(TEXT, true)],
  ['UTF-16 BE with BOM', 'utf-16be', utf16(TEXT, false)],
  [
    'Windows-1252',
    'windows-1252',
    new Uint8Array([...TEXT].map((c) => WINDOWS_1252[c] ?? c.charCodeAt(0))),
  ],
];

describe('CSV encodings in Chromium', () => {
  for (const [label, encoding, bytes] of files) {
    it(`reads a file saved as ${label} with "José" and "Müller “Café” €5" intact`, async () => {
      const file = new File([bytes], 'customers.csv', { type: 'text/csv' });
      const report = await parseCustomerCsv(file);
      expect(report.encoding).to.equal(encoding);
      expect(report.headers).to.deep.equal(['name', 'phone', 'email']);
      expect(report.accepted).to.deep.equal([
        { line: 2, phone: '+919876543210', email: 'jose@example.com' },
      ]);
      expect(report.rejected[0].values[0]).to.equal('Müller “Café” €5 – ok');
      const peek = await peekCustomerCsv(file);
      expect(peek.encoding).to.equal(encoding);
      expect(peek.preview[0][0]).to.equal('José');
    });
  }

  it('maps every Windows-1252 byte from 0x80 to 0x9F as Chromium does', async () => {
    const high = new Uint8Array(32).map((_, i) => 0x80 + i);
    const csv = new Blob(['name,phone,email\r\n', high, ',,not-an-email\r\n']);
    const report = await parseCustomerCsv(csv);
    expect(report.encoding).to.equal('windows-1252');
    const chromium = new TextDecoder('windows-1252').decode(high);
    expect(report.rejected[0].values[0]).to.equal(chromium);
    expect(report.rejected[0].values[0].slice(0, 1)).to.equal('€');
    expect(report.rejected[0].values[0].slice(0x13, 0x15)).to.equal('“”');
  });
});
