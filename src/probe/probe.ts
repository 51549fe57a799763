// MAIN-world probe: runs at document_start in the page's own JS world, before the page's scripts.
// It must be invisible to the call: the page gets the same objects, errors and timing as without us.
// So we wrap with Proxies that return the original promise/object untouched, observe on the side,
// defer all of our work to a later task, and swallow our own errors.
import { PAGE_DATA_KEY, PAGE_EVENT, type ProbeMessage } from '../shared/page-channel';
import { watchConnection } from './connection-stats';

(() => {
  // Capture what we use before the page can patch it.
  const w = window;
  const setTimeoutNative = w.setTimeout.bind(w);
  const dispatch = EventTarget.prototype.dispatchEvent;
  const listen = EventTarget.prototype.addEventListener; // a page that patches it must not drop our taps
  const unlisten = EventTarget.prototype.removeEventListener;
  const createElement = Document.prototype.createElement;
  const MouseEventNative = MouseEvent;
  const stringify = JSON.stringify;
  const now = () => performance.timeOrigin + performance.now();
  const MARK = Symbol.for('webside.probe');

  const store = w as unknown as Record<symbol, unknown>;
  if (store[MARK]) return; // injected twice (e.g. declared and dynamically registered)
  store[MARK] = true;

  /** Hands a message (and optionally a stream) to the bridge on a later task, never throwing. */
  function emit(message: ProbeMessage, stream?: MediaStream): void {
    setTimeoutNative(() => {
      try {
        const carrier = createElement.call(document, 'video') as HTMLVideoElement;
        if (stream) carrier.srcObject = stream;
        carrier.dataset[PAGE_DATA_KEY] = stringify(message);
        dispatch.call(w, new MouseEventNative(PAGE_EVENT, { relatedTarget: carrier }));
      } catch {
        // Our failure must never reach the page.
      }
    }, 0);
  }

  function wrapMethod<T extends object>(target: T, name: keyof T & string, onResult: (result: unknown, args: unknown[]) => void): void {
    const original = target[name];
    if (typeof original !== 'function') return;
    const wrapped = new Proxy(original, {
      apply(fn, thisArg, args: unknown[]) {
        const result: unknown = Reflect.apply(fn, thisArg, args);
        try {
          onResult(result, args);
        } catch {
          // ignore: observing must not change the call
        }
        return result;
      },
    });
    try {
      Object.defineProperty(target, name, { value: wrapped, writable: true, configurable: true, enumerable: false });
    } catch {
      // a frozen prototype: run without this tap
    }
  }

  const ignore = () => {};

  if (typeof MediaDevices !== 'undefined') {
    wrapMethod(MediaDevices.prototype, 'getUserMedia', (result) => {
      if (!(result instanceof Promise)) return;
      // A separate branch of the same promise: the page's own handlers see exactly what they did before.
      result.then((stream: unknown) => {
        if (stream instanceof MediaStream) emit({ type: 'local-stream', at: now() }, stream);
      }, ignore);
    });
    wrapMethod(MediaDevices.prototype, 'getDisplayMedia', (result) => {
      if (!(result instanceof Promise)) return;
      result.then((stream: unknown) => {
        if (!(stream instanceof MediaStream)) return;
        emit({ type: 'display', sharing: true });
        let live = stream.getTracks().length;
        for (const track of stream.getTracks()) {
          // 'ended' fires when the user stops sharing from the browser UI; a page-side stop() is
          // caught by polling readyState.
          const done = () => {
            if (--live === 0) emit({ type: 'display', sharing: false });
          };
          listen.call(track, 'ended', done, { once: true });
          const poll = () => (track.readyState === 'ended' ? (unlisten.call(track, 'ended', done), done()) : setTimeoutNative(poll, 1000));
          setTimeoutNative(poll, 1000);
        }
      }, ignore);
    });
  }

  const PeerConnection = w.RTCPeerConnection;
  if (typeof PeerConnection === 'function') {
    let nextPc = 0;
    const stats = { getStats: PeerConnection.prototype.getStats, setTimeout: setTimeoutNative };
    const getSenders = PeerConnection.prototype.getSenders;
    /** What this connection sends: a capture device's track (ours), only page-made media (other), or nothing yet. */
    const peerOf = (pc: RTCPeerConnection): 'ours' | 'other' | 'unknown' => {
      try {
        const tracks = getSenders
          .call(pc)
          .map((s) => s.track)
          .filter((t): t is MediaStreamTrack => t !== null);
        if (tracks.length === 0) return 'unknown';
        const device = (t: MediaStreamTrack) => {
          const groupId = t.getSettings().groupId;
          return typeof groupId === 'string' && groupId !== '';
        };
        return tracks.some(device) ? 'ours' : 'other';
      } catch {
        return 'unknown';
      }
    };
    const proxy = new Proxy(PeerConnection, {
      construct(target, args: unknown[], newTarget: NewableFunction) {
        const pc = Reflect.construct(target, args, newTarget) as RTCPeerConnection;
        try {
          const id = nextPc++;
          listen.call(pc, 'track', (event: Event) => {
            const track = (event as RTCTrackEvent).track;
            const kind = track.kind === 'video' ? 'video' : 'audio';
            const hand = () => emit({ type: 'remote-track', kind, pc: id, peer: peerOf(pc) }, new MediaStream([track]));
            // An answerer gets its tracks while the offer is applied, before it adds its own senders:
            // say what the connection sends once the negotiation settles.
            if (pc.signalingState === 'stable' || pc.signalingState === 'closed') return hand();
            const settled = () => {
              if (pc.signalingState !== 'stable' && pc.signalingState !== 'closed') return;
              unlisten.call(pc, 'signalingstatechange', settled);
              hand();
            };
            listen.call(pc, 'signalingstatechange', settled);
          });
          watchConnection(pc, id, emit, stats);
        } catch {
          // ignore
        }
        return pc;
      },
    });
    w.RTCPeerConnection = proxy;
    try {
      // Keep `pc.constructor === RTCPeerConnection` true for the page.
      Object.defineProperty(PeerConnection.prototype, 'constructor', {
        value: proxy,
        writable: true,
        configurable: true,
        enumerable: false,
      });
    } catch {
      // ignore
    }
    if ('webkitRTCPeerConnection' in w) (w as unknown as Record<string, unknown>).webkitRTCPeerConnection = proxy;
  }
})();
