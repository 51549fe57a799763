// The probe must be invisible to the page: same objects and shapes. (Its added getUserMedia latency is
// a number, measured by the benchmark, not asserted in a timed test.)
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/extension-browser';

interface Observed {
  gumIsNativeLooking: boolean;
  pcInstance: boolean;
  pcConstructor: boolean;
  pcName: string;
  pcLength: number;
  hasGenerateCertificate: boolean;
  subclassWorks: boolean;
  sameStreamAsVideo: boolean;
  gumMs: number[];
}

async function observe(page: Page): Promise<Observed> {
  return page.evaluate(async () => {
    const md = navigator.mediaDevices;
    const pc = new RTCPeerConnection();
    class MyPc extends RTCPeerConnection {
      mine = true;
    }
    const sub = new MyPc();
    const gumMs: number[] = [];
    let sameStreamAsVideo = true;
    for (let i = 0; i < 12; i++) {
      const t0 = performance.now();
      const stream = await md.getUserMedia({ video: { width: 320, height: 240 }, audio: false });
      gumMs.push(performance.now() - t0);
      const video = document.createElement('video');
      video.srcObject = stream;
      sameStreamAsVideo &&= video.srcObject === stream;
      stream.getTracks().forEach((t) => t.stop());
    }
    const out = {
      gumIsNativeLooking: Function.prototype.toString.call(md.getUserMedia).includes('[native code]'),
      pcInstance: pc instanceof RTCPeerConnection,
      pcConstructor: pc.constructor === RTCPeerConnection,
      pcName: RTCPeerConnection.name,
      pcLength: RTCPeerConnection.length,
      hasGenerateCertificate: typeof RTCPeerConnection.generateCertificate === 'function',
      subclassWorks: sub instanceof MyPc && sub instanceof RTCPeerConnection && sub.mine === true,
      sameStreamAsVideo,
      gumMs,
    };
    pc.close();
    sub.close();
    return out;
  });
}

let bare: Observed;
let withUs: Observed;

async function run(extension: boolean): Promise<Observed> {
  const harness: Harness = await startHarness({ extension });
  try {
    const page = await harness.context.newPage();
    await page.goto(`${harness.demoUrl}?probe-test=1`);
    return await observe(page);
  } finally {
    await harness.close();
  }
}

beforeAll(async () => {
  bare = await run(false);
  withUs = await run(true);
});

describe('the probe is transparent to the page', () => {
  it('keeps the APIs looking and behaving the same', () => {
    const { gumMs: _a, ...shapeBare } = bare;
    const { gumMs: _b, ...shapeWithUs } = withUs;
    expect(shapeWithUs).toEqual(shapeBare);
    expect(shapeWithUs.pcInstance && shapeWithUs.pcConstructor && shapeWithUs.subclassWorks).toBe(true);
  });
});
