// Types of tailor.js, Tailor's storefront snippet (served by every node at /sdk/tailor.js and /sdk/tailor.d.ts).
// Loaded with a <script> tag it defines the global `Tailor`; required as CommonJS it is the module's export.

/** Whether the shopper allowed tracking and personalization; nothing is sent or stored before "granted". */
export type TailorConsent = 'pending' | 'granted' | 'denied';

export type TailorPlacement = 'home' | 'product' | 'cart' | 'email';

export interface TailorInit {
  /** The node or load balancer, e.g. "https://tailor.example.com"; the page's origin must be one of the
   * node's `security.cors.allowedOrigins`. */
  endpoint: string;
  /** A public (browser) key, `tlr_pk_...`, with the scopes `recs:read` and `events:write`. */
  key: string;
  /** Default: the state set by an earlier `Tailor.consent`, else "pending". */
  consent?: TailorConsent;
}

export interface TailorItem {
  product: string;
  score: number;
  reasons: Array<{
    code: string;
    text: string;
    contribution: number;
    product?: string;
    category?: string;
    /** With code "promoted": the promotion that put the item in its slot. */
    promotion?: string;
    /** With code "new_arrival": which interest of the shopper the new arrival matched. */
    match?: 'category' | 'brand' | 'page' | 'content';
  }>;
}

/** The answer of `POST /v1/recommendations` (see /openapi.yaml, schema Recommendations), or a fallback. */
export interface TailorAnswer {
  /** Unique per answer; null only for an empty fallback (nothing good was kept in this tab). */
  requestId: string | null;
  placement: TailorPlacement | string;
  items: TailorItem[];
  anonymousId?: string;
  strategy?: 'popular' | 'personalized' | 'similar' | 'fallback';
  degraded?: boolean;
  experiment?: { id: string; arm: string };
  /** Present and true when the node did not answer in time or failed: the placement's last good answer in this
   * tab (sessionStorage), or an empty list. */
  fallback?: true;
  fallbackReason?: 'timeout' | 'error' | 'consent';
}

export interface TailorQuery {
  /** Default "home". */
  placement?: TailorPlacement;
  /** The product on the page; required for placement "product". */
  product?: string;
  /** Product ids in the cart (placement "cart"), at most 64. */
  cart?: string[];
  /** Number of items, 1 to 100 (the node's default: 10). */
  k?: number;
  /** Only products in this category or below, e.g. "apparel/shoes". */
  category?: string;
  /** Product ids never to recommend in this answer, at most 64. */
  exclude?: string[];
  /** Deadline in milliseconds; default 300. */
  timeoutMs?: number;
}

export type TailorEventType = 'view' | 'click' | 'add_to_cart' | 'remove_from_cart' | 'purchase' | 'refund' |
  'rating' | 'search' | 'service' | 'impression';

/** Fields of an event (schema Event in /openapi.yaml); `type`, `anonymousId` and, unless given, `id` are set by
 * tailor.js, and `ts` (the browser's clock) for an event sent a minute or more after it happened: the node dates
 * fresh ones, so a browser clock that is minutes off does not get them refused. `user` is dropped: browser keys
 * never name a customer. */
export interface TailorEventFields {
  /** Idempotency key; give an order id to a purchase so that it counts once whatever sends it. */
  id?: string;
  product?: string;
  items?: Array<{ product: string; quantity?: number; price?: number }>;
  value?: number;
  ts?: string | number;
  channel?: 'web' | 'app' | 'store' | 'callcenter';
  store?: string;
  /** The list's requestId: credits a click, cart addition or purchase to the list. */
  requestId?: string;
  properties?: Record<string, unknown>;
}

/** Builds an item's element: an Element, an HTML string (its first element is used), or null for the default
 * (`<li>` in a list, else `<div>`, with the product id as text). */
export type TailorTemplate = (item: TailorItem, index: number, answer: TailorAnswer) => Element | string | null;

export interface Tailor {
  readonly version: string;
  /** Sets the endpoint and key and applies `consent`; returns the consent state. */
  init(options: TailorInit): TailorConsent;
  /** Changes the consent. "granted" creates (or finds) the anonymous id and sends what is queued; "denied"
   * drops the id (storage and cookie), the queue and the kept lists; "pending" stops sending. */
  consent(state: TailorConsent): TailorConsent;
  /** The first-party id (localStorage and cookie `tailor_aid`, 13 months), or null before "granted". */
  anonymousId(): string | null;
  /** Whether the browser sends Global Privacy Control (`navigator.globalPrivacyControl`). When it does, every
   * event carries `gpc: true` and the node records marketing as refused for the shopper (kept when the anonymous
   * id is linked to a customer): no marketing segments, near-purchase audiences or marketing webhooks. */
  gpc(): boolean;
  /** Never rejects: past the deadline or on an error, resolves with the placement's last good answer, marked. */
  recommend(query?: TailorQuery): Promise<TailorAnswer>;
  /** Queues an event (sent within 1 s or at 20 events); returns its id, or null when consent is not granted. */
  track(type: TailorEventType, fields?: TailorEventFields): string | null;
  /** Sends the pending batch now. */
  flush(): void;
  /** Fills `element` with the answer's items, marked for impressions and clicks; returns `element`. */
  render<E extends Element>(answer: TailorAnswer, element: E, template?: TailorTemplate): E;
  /** A separate instance bound to a window (for tests). */
  create(win: Window): Tailor;
}

declare const Tailor: Tailor;
export default Tailor;

declare global {
  /** The global that the <script> tag defines. */
  var Tailor: Tailor;
}
