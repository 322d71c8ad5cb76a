// <csv-mapper> under a strict CSP with Trusted Types: its worker starts through the named
// policy "user-segments" (README: hosts that list policies add it to `trusted-types`).
import { expect } from '@open-wc/testing';
import { TRUSTED_TYPES_POLICY } from '../../src/csv/index.ts';

interface FrameReport {
  enforced: boolean;
  worker: unknown;
  mapper: unknown;
}

/** A frame whose page has `csp` and runs fixtures/trusted-types-page.ts; what it reports. */
async function underPolicy(csp: string): Promise<FrameReport> {
  const frame = document.createElement('iframe');
  frame.srcdoc = `<!doctype html>
    <meta http-equiv="Content-Security-Policy" content="${csp}">
    <body><script type="module" src="/test/browser/fixtures/trusted-types-page.ts"></script></body>`;
  const report = new Promise<FrameReport>((resolve) => {
    const onMessage = (event: MessageEvent) => {
      if (event.source !== frame.contentWindow) return;
      window.removeEventListener('message', onMessage);
      resolve(event.data as FrameReport);
    };
    window.addEventListener('message', onMessage);
  });
  document.body.append(frame);
  try {
    return await report;
  } finally {
    frame.remove();
  }
}

const STRICT = "script-src 'self'; worker-src 'self'; require-trusted-types-for 'script'";
const ACCEPTED = [{ line: 2, phone: '+919876543210', email: 'asha@x.in' }];

describe('the CSV worker under Trusted Types', () => {
  it(`<csv-mapper> validates a file under ${STRICT}`, async () => {
    const { enforced, worker, mapper } = await underPolicy(STRICT);
    expect(enforced, 'a worker from a plain URL is refused on this page').to.equal(true);
    expect(worker).to.deep.equal(ACCEPTED);
    expect(mapper).to.deep.equal(ACCEPTED);
  });

  it('works where the page lists allowed policies and names user-segments', async () => {
    const { enforced, worker, mapper } = await underPolicy(
      `${STRICT}; trusted-types user-segments lit-html`,
    );
    expect(enforced).to.equal(true);
    expect(worker).to.deep.equal(ACCEPTED);
    expect(mapper).to.deep.equal(ACCEPTED);
  });

  it('where the page does not allow the policy, says which name to add rather than failing silently', async () => {
    const { worker } = await underPolicy(`${STRICT}; trusted-types lit-html`);
    expect(worker).to.have.property('code', 'unavailable');
    expect((worker as { message: string }).message).to.include('"user-segments"');
    // The name hosts put in their CSP, as the README gives it.
    expect(TRUSTED_TYPES_POLICY).to.equal('user-segments');
  });
});
