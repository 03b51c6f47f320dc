/**
 * Seeded fuzz run: hundreds of malformed requests of every kind against one simulator, most of them over raw sockets
 * (`net.connect`) so nothing in an HTTP client smooths them over: truncated and aborted multipart uploads, bodies
 * shorter than their Content-Length, bad chunked encoding, huge headers, odd methods and paths, malformed JSON, wrong
 * content types, type-confused create bodies and absurd control-API values. Afterwards the process must be alive and
 * unharmed: every request it took was answered or recorded as abandoned by its client, nothing was logged as an
 * unexpected error, no exception or warning escaped, and a normal create + poll runs to completion.
 *
 * Deterministic: every choice comes from one seeded PRNG (FUZZ_SEED overrides the seed to explore further).
 */
import { readFileSync } from 'node:fs';
import { SAMPLE_MP4_PATH, startSimulator, type SimulatorHandle } from '@trending/simulator';
import { head, raw, type RawAnswer, type Step } from './rawhttp';

const SEED = Number(process.env.FUZZ_SEED ?? 20_260_301);
const CASES_PER_KIND = 50;
const CONCURRENCY = 24;
const PRO = 'sk_test_pro';
const MP4_HEAD = readFileSync(SAMPLE_MP4_PATH).subarray(0, 4096);
const PNG_HEAD = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

class Prng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(max: number): number {
    return Math.floor(this.next() * max);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }
  bytes(n: number): Buffer {
    const b = Buffer.alloc(n);
    for (let i = 0; i < n; i++) b[i] = this.int(256);
    return b;
  }
}

/** What a case accepts. `statuses: []` in `allowed` means "no answer at all" is fine (the connection was cut). */
interface Case {
  name: string;
  steps: Step[];
  /** Status codes that are correct; an empty list in it allows no answer. */
  allowed: readonly (number | 'none')[];
  /** For 422 answers from the control API: the field that error.details must name. */
  field?: string;
  deadlineMs?: number;
}

const JSON_ROUTES = [
  '/api/v1/story/videos',
  '/api/v1/list/videos',
  '/api/v1/ranking/videos',
  '/api/v1/rants/videos',
  '/api/v1/cost-estimate',
  '/api/v1/account/readiness',
  '/api/v1/library/folders/coverage',
  '/api/v1/library/video-urls',
  '/api/v1/story/reference-images',
  '/api/v1/triggers/videos',
  '/api/v1/triggers/webhook',
  '/api/v1/story/videos/10001/render',
  '/api/v1/story/videos/10001/abort',
  '/api/v1/story/videos/10001/slide-animations',
  '/api/v1/story/videos/10001/outro/image',
  '/api/v1/voice-actors/101/favorite',
];
const ANY_PATHS = [
  ...JSON_ROUTES,
  '/api/v1/library/videos',
  '/api/v1/library/folders',
  '/api/v1/voice-actors',
  '/api/v1/story/videos/10001',
  '/api/v1/story/reference-images',
  '/api/v1/list/videos/10001/script',
  '/studio/renders/70001/download',
  '/studio/assets/x.png',
  '/_sim/state',
  '/_sim/config',
];
const FIELDS = [
  'prompt',
  'template',
  'preview_only',
  'background.exit_enabled',
  'background.exit_video_id',
  'background.folder_id',
  'music.volume_percent',
  'music.enabled',
  'ranking.category_preset',
  'ranking_category_preset',
  'script.category',
  'script.images_requested',
  'script.include_ai_ctas',
  'script.item_count',
  'script.narrator_enabled',
  'script.outro.source_key',
  'script.outro.speaker',
  'script.outro.text',
  'script.outro.enabled',
  'script.reference_images',
  'script.reference_images.0.asset_id',
  'script.reference_instruction',
  'script.reuse_characters_from_video_id',
  'script.reuse_story_mode',
  'script.subcategory',
  'script.topic_preset',
  'script.visual_style_custom',
  'script.visual_style_preset',
  'script.voice_format',
  'script.slide_count',
  'voice.remove_silences',
  'voice.speed_percentage',
  'voice.voice_actor_id',
  'webhook.url',
  'webhook.secret',
  'webhook.events',
  'idempotency_key',
  'api_key',
  'url',
  'source_url',
  'folder_id',
  'upload_profile',
  'required_count',
  'required_total_duration_seconds',
  'slide_index',
  'lip_sync',
  'favorite',
  'video_type',
  'mode',
  'count',
  'placement',
  'attachment_asset_ids',
  'reference_slide_index',
];

function randomValue(r: Prng, depth = 0): unknown {
  switch (r.int(depth > 2 ? 9 : 12)) {
    case 0:
      return null;
    case 1:
      return r.pick([true, false]);
    case 2:
      return r.pick([0, -1, 1, 3, 1e308, -1e308, 2 ** 53 + 1, 0.5, -0.0, 1e-320, 4294967296, 301, 101, 10001]);
    case 3:
      return r.pick(['', ' ', 'x', 'story', 'list', '\u0000', '\ud800', '🦄'.repeat(50), '%E0%A4%A', '__proto__']);
    case 4:
      return r.pick([
        'https://example.com/a.mp4',
        'https://%E0%A4%A.example/x.png',
        'https://cdn.example.com/%E0%A4%A.png',
        'http://127.0.0.1:1/hook',
        'https://[::1]/x.webm',
        'javascript:alert(1)',
        'https://169.254.169.254/latest',
      ]);
    case 5:
      return 'y'.repeat(r.pick([1000, 70_000]));
    case 6:
      return String(r.next());
    case 7:
      return r.int(100_000);
    case 8:
      return r.pick([[], {}, [null], [1, 'a'], { '': 1 }]);
    case 9:
      return Array.from({ length: r.int(4) }, () => randomValue(r, depth + 1));
    default: {
      const o: Record<string, unknown> = {};
      for (let i = r.int(4); i > 0; i--) o[r.pick(FIELDS).split('.').pop() ?? 'x'] = randomValue(r, depth + 1);
      return o;
    }
  }
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let at: Record<string, unknown> = target;
  for (const p of parts.slice(0, -1)) {
    const next = at[p];
    if (typeof next !== 'object' || next === null) at[p] = /^\d+$/.test(p) ? [] : {};
    at = at[p] as Record<string, unknown>;
  }
  at[parts[parts.length - 1] ?? 'x'] = value;
}

function deepNest(r: Prng, depth: number): string {
  const open = r.pick(['[', '{"a":']);
  const close = open === '[' ? ']' : '}';
  return `{"prompt":"x","script":${open.repeat(depth)}1${close.repeat(depth)}}`;
}

const AUTH: [string, string] = ['Authorization', `Bearer ${PRO}`];

function request(
  method: string,
  path: string,
  headers: [string, string][],
  body: Buffer | string = '',
  extraSteps: Step[] = [],
): Step[] {
  const b = typeof body === 'string' ? Buffer.from(body) : body;
  return [
    Buffer.concat([
      Buffer.from(head(method, path, [...headers, ['Content-Length', String(b.length)], ['Connection', 'close']])),
      b,
    ]),
    ...extraSteps,
  ];
}

function multipart(
  r: Prng,
  boundary: string,
  fileName: string,
  content: Buffer,
): { body: Buffer; closingLength: number } {
  const fields = r.int(3) === 0 ? `--${boundary}\r\nContent-Disposition: form-data; name="name"\r\n\r\nclip\r\n` : '';
  const closing = `\r\n--${boundary}--\r\n`;
  const body = Buffer.concat([
    Buffer.from(
      `${fields}--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    content,
    Buffer.from(closing),
  ]);
  return { body, closingLength: closing.length };
}

const UPLOAD_ROUTES = [
  { path: '/api/v1/library/videos', fileName: 'clip.mp4', head: MP4_HEAD },
  { path: '/api/v1/story/reference-images', fileName: 'ref.png', head: PNG_HEAD },
] as const;

type Generator = (r: Prng, i: number) => Case;

const generators: Record<string, Generator> = {
  /** The body ends before the closing boundary (the Content-Length matches what is sent). */
  'truncated multipart': (r) => {
    const route = r.pick(UPLOAD_ROUTES);
    const boundary = `----fuzz${r.int(1e9)}`;
    const content = Buffer.concat([route.head, r.bytes(r.int(50_000))]);
    const { body, closingLength } = multipart(r, boundary, route.fileName, content);
    const cut = body.subarray(0, r.int(body.length - closingLength + 1));
    return {
      name: `${route.path} cut at ${cut.length}/${body.length}`,
      steps: request('POST', route.path, [AUTH, ['Content-Type', `multipart/form-data; boundary=${boundary}`]], cut, [
        'end',
      ]),
      allowed: [422],
    };
  },
  /** The client sends part of the body its Content-Length announced, then half-closes or disconnects. */
  'aborted multipart': (r) => {
    const route = r.pick(UPLOAD_ROUTES);
    const boundary = `fuzz${r.int(1e9)}`;
    const { body } = multipart(r, boundary, route.fileName, Buffer.concat([route.head, r.bytes(r.int(200_000))]));
    const sent = r.int(body.length);
    const how = r.pick(['end', 'destroy'] as const);
    return {
      name: `${route.path} ${sent}/${body.length} then ${how}`,
      steps: [
        head('POST', route.path, [
          AUTH,
          ['Content-Type', `multipart/form-data; boundary=${boundary}`],
          ['Content-Length', String(body.length)],
        ]),
        body.subarray(0, sent),
        { wait: r.int(20) },
        how,
      ],
      allowed: ['none', 400],
    };
  },
  /** Multipart without a usable boundary, or with garbage between boundaries, or odd but complete forms. */
  'garbage multipart': (r) => {
    const route = r.pick(UPLOAD_ROUTES);
    const type = r.pick([
      'multipart/form-data',
      'multipart/form-data; boundary=',
      'multipart/form-data; boundary="unterminated',
      'multipart/form-data; boundary=xyz',
      'multipart/mixed; boundary=xyz',
      'multipart/form-data; boundary=xyz; charset=utf-8',
      'MULTIPART/FORM-DATA; BOUNDARY=xyz',
    ]);
    const body = r.pick([
      () => r.bytes(r.int(5000)),
      () => Buffer.from('--xyz\r\n\r\n--xyz--\r\n'),
      () => Buffer.from('--xyz\r\nContent-Disposition: form-data; name="file"\r\n\r\nabc\r\n--xyz--\r\n'),
      () =>
        Buffer.from(`--xyz\r\nContent-Disposition: form-data; name="${'n'.repeat(100_000)}"\r\n\r\nv\r\n--xyz--\r\n`),
      () =>
        Buffer.from(
          `${Array.from({ length: 30 }, (_, i) => `--xyz\r\nContent-Disposition: form-data; name="f${i}"\r\n\r\n${'v'.repeat(70_000)}\r\n`).join('')}--xyz--\r\n`,
        ),
      () =>
        Buffer.concat([
          Buffer.from('--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.mp4"\r\n\r\n'),
          MP4_HEAD,
          Buffer.from('\r\n--xyz\r\nContent-Disposition: form-data; name="file"; filename="b.png"\r\n\r\n'),
          PNG_HEAD,
          Buffer.from('\r\n--xyz--\r\n'),
        ]),
      () => Buffer.from('--xyz\r\nContent-Disposition: form-data; name="folder_id"\r\n\r\n301\r\n--xyz--\r\n'),
    ])();
    return {
      name: `${route.path} ${type} ${body.length} bytes`,
      steps: request('POST', route.path, [AUTH, ['Content-Type', type]], body),
      allowed: [201, 202, 413, 422],
    };
  },
  /** Broken chunked transfer encoding: bad sizes, short chunks, missing terminator, then a half-close. */
  'bad chunked encoding': (r) => {
    const path = r.pick([...JSON_ROUTES, '/api/v1/library/videos']);
    const body = r.pick([
      'zz\r\nabc\r\n0\r\n\r\n',
      '5\r\nabc\r\n0\r\n\r\n',
      '3\r\nabc',
      '-1\r\n\r\n',
      'ffffffffffffffffff\r\n',
      '3;ext=' + 'e'.repeat(20_000) + '\r\nabc\r\n0\r\n\r\n',
      '2\r\n{}\r\n0\r\n\r\n',
      '0\r\n\r\n',
    ]);
    return {
      name: `${path} chunked ${JSON.stringify(body.slice(0, 24))}`,
      steps: [
        head('POST', path, [AUTH, ['Transfer-Encoding', 'chunked'], ['Content-Type', 'application/json']]),
        body,
        { wait: r.int(10) },
        'end',
      ],
      // A well-formed chunked body gets its normal answer; a broken one 400 or a closed connection.
      allowed: ['none', 200, 201, 202, 400, 401, 404, 409, 413, 422],
    };
  },
  'huge headers': (r) => {
    const path = r.pick(ANY_PATHS);
    const headers: [string, string][] = r.pick([
      () => [['X-Big', 'a'.repeat(16_384 + r.int(100_000))]] as [string, string][],
      () => Array.from({ length: 3000 }, (_, i) => [`X-H${i}`, 'v'] as [string, string]),
      () => [['Authorization', `Bearer ${'k'.repeat(20_000)}`]] as [string, string][],
      () => [['Cookie', 'c='.repeat(10_000)]] as [string, string][],
    ])();
    return {
      name: `${path} ${headers.length} headers`,
      steps: request('GET', path, [AUTH, ...headers]),
      allowed: ['none', 200, 401, 404, 405, 431, 400],
    };
  },
  'odd methods': (r) => {
    const path = r.pick(ANY_PATHS);
    const method = r.pick([
      'PROPFIND',
      'PURGE',
      'OPTIONS',
      'TRACE',
      'PATCH',
      'DELETE',
      'PUT',
      'MKCOL',
      'SEARCH',
      'LOCK',
      'M-SEARCH',
      'NOTIFY',
      'LINK',
      'HEAD',
      'get',
      'FOO',
      'CONNECT',
    ]);
    return {
      name: `${method} ${path}`,
      steps: request(method, method === 'CONNECT' ? '127.0.0.1:1' : path, [AUTH], '{}', ['end']),
      allowed: ['none', 200, 400, 401, 403, 404, 405, 409, 410, 422],
    };
  },
  'odd paths': (r) => {
    const path = r.pick([
      '*',
      '//',
      '/api/v1/../_sim/state',
      '/api/v1/%2e%2e/_sim/state',
      '/api/v1/story/videos/%E0%A4%A',
      '/api/v1/story/videos/99999999999999999999',
      '/api/v1/story/videos/-1',
      '/api/v1/story/videos/1e3',
      '/api/v1/%00/videos',
      `/api/v1/${'a/'.repeat(2000)}`,
      '/studio/assets/../../../../etc/passwd',
      '/studio/renders/70001/download?expires=1e308&signature=zz',
      '/studio/renders/70001/download?expires=-1&signature=',
      '/studio/renders/%E0%A4%A/download',
      'http://example.com/api/v1/voice-actors',
      'http://[/api',
      'http://a:b@/x',
      '/_sim/requests?limit=1e308',
      '/_sim/requests?limit=-5',
      '/_sim/requests?limit=abc',
      '/api/v1/list/videos/10001/script?x=%',
      '/?' + '&'.repeat(5000),
      '/api/v1/voice-actors#frag',
      '/api/v1/voice-actors/\u00e9\u00ff',
    ]);
    return {
      name: `GET ${path.slice(0, 60)}`,
      steps: [Buffer.from(head('GET', path, [AUTH, ['Connection', 'close']]), 'latin1')],
      allowed: ['none', 200, 400, 401, 403, 404, 405, 409, 410, 422],
    };
  },
  'malformed JSON': (r, i) => {
    const path = r.pick(JSON_ROUTES);
    const body = r.pick([
      () => '{',
      () => '{"prompt":',
      () => 'null',
      () => '[]',
      () => '"text"',
      () => '1e400',
      () => '\ufeff{}',
      () => '{"prompt":"\\ud800"}',
      () => deepNest(r, 10 + r.int(5000)),
      () => deepNest(r, 100_000 + r.int(100_000)),
      () => `{"prompt":"${'x'.repeat(2_000_000)}"}`,
      () => '{"a":1,"a":2,"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}}}',
      () => r.bytes(r.int(2000)).toString('latin1'),
      () => JSON.stringify({ prompt: 'x', webhook: { url: 'https://%E0%A4%A/' } }),
      () => JSON.stringify({ url: 'https://cdn.example.com/%E0%A4%A.mp4' }),
      () => JSON.stringify({ source_url: 'https://cdn.example.com/%E0%A4%A.png' }),
      () => '{"prompt":"x"}'.padEnd(3_145_729, ' '),
    ])();
    return {
      name: `${path} body #${i} ${JSON.stringify(body.slice(0, 30))}`,
      steps: request(
        'POST',
        path,
        [AUTH, ['Content-Type', 'application/json'], ['Idempotency-Key', `fuzz-json-${i}`]],
        body,
      ),
      allowed: [200, 201, 202, 401, 403, 404, 409, 413, 422],
    };
  },
  'wrong content types': (r, i) => {
    const path = r.pick([...JSON_ROUTES, '/api/v1/library/videos']);
    const [type, body] = r.pick([
      [
        'multipart/form-data; boundary=xyz',
        '--xyz\r\nContent-Disposition: form-data; name="prompt"\r\n\r\nhi\r\n--xyz--\r\n',
      ],
      ['application/x-www-form-urlencoded', 'prompt=hi&template=story'],
      ['text/plain', '{"prompt":"hi"}'],
      ['application/json; charset=utf-16', '{"prompt":"hi"}'],
      ['image/png', PNG_HEAD.toString('latin1')],
      ['', '{"prompt":"hi"}'],
      ['application/json', ''],
    ] as const);
    return {
      name: `${path} as ${type || '(none)'}`,
      steps: request(
        'POST',
        path,
        [AUTH, ['Content-Type', type], ['Idempotency-Key', `fuzz-type-${i}`]],
        Buffer.from(body, 'latin1'),
      ),
      allowed: [200, 201, 202, 401, 403, 404, 409, 413, 422],
    };
  },
  'type-confused create bodies': (r, i) => {
    const template = r.pick(['story', 'dmstory', 'confession', 'didyouknow', 'rants', 'ranking', 'list']);
    const body: Record<string, unknown> = { prompt: 'A short story about a keycard.' };
    for (let n = 1 + r.int(6); n > 0; n--) setPath(body, r.pick(FIELDS), randomValue(r));
    const path = r.pick([
      `/api/v1/${template}/videos`,
      '/api/v1/cost-estimate',
      '/api/v1/account/readiness',
      '/api/v1/triggers/videos',
      '/api/v1/library/folders/coverage',
      '/api/v1/story/videos/10001/outro',
      '/api/v1/list/videos/10001/script',
    ]);
    const method = path.endsWith('/outro') || path.endsWith('/script') ? r.pick(['PUT', 'PATCH']) : 'POST';
    return {
      name: `${method} ${path} ${JSON.stringify(body).slice(0, 120)}`,
      steps: request(
        method,
        path,
        [AUTH, ['Content-Type', 'application/json'], ['Idempotency-Key', `fuzz-create-${i}`]],
        JSON.stringify({ template, video_type: template, ...body }),
      ),
      allowed: [200, 201, 202, 402, 404, 405, 409, 413, 422],
    };
  },
  'absurd control values': (r) => {
    const bad = [NaN, Infinity, 1e308, -1, -1e308, '1', 'fast', null, [], {}, true, 2 ** 31, 1e16];
    // Account amounts are whole numbers up to 2^53 - 1 (2^31 bytes is a fine quota).
    const badAmount = [NaN, Infinity, 1e308, -1, 0.5, '1', null, [], {}, true, 2 ** 53];
    const table: (() => [string, string, unknown])[] = [
      () => ['/_sim/advance', 'seconds', { seconds: r.pick([1e308, -1, -1e-9, '1', null, [], {}, true, 1e16, 3e11]) }],
      () => ['/_sim/advance', 'bogus', { seconds: 1, bogus: 1 }],
      () => ['/_sim/config', 'speed', { speed: r.pick([...bad, 0, 1e7]) }],
      () => ['/_sim/config', 'rateLimitPerMinute', { rateLimitPerMinute: r.pick([...bad, 0.5]) }],
      () => ['/_sim/config', 'renderUrlTtlSeconds', { renderUrlTtlSeconds: r.pick(bad) }],
      () => ['/_sim/config', 'renderUrlMinRealSeconds', { renderUrlMinRealSeconds: r.pick(bad) }],
      () => ['/_sim/config', 'webhookTimeoutMs', { webhookTimeoutMs: r.pick(bad) }],
      () => ['/_sim/config', r.pick(['chaos.errorRate', 'chaos.dropRate', 'chaos.slowBodyRate']), undefined],
      () => ['/_sim/config', 'chaos.latencyMs', { chaos: { latencyMs: r.pick([...bad, [5, 1], [1], [1, 2, 3]]) } }],
      () => ['/_sim/config', 'chaos.slowBodyMs', { chaos: { slowBodyMs: r.pick(bad) } }],
      () => ['/_sim/config', 'chaos.bogus', { chaos: { bogus: 1 } }],
      () => ['/_sim/config', 'chaos', { chaos: r.pick(['x', 5, [], true]) }],
      () => ['/_sim/config', 'maintenance', { maintenance: r.pick(['sometimes', 1, {}, []]) }],
      () => ['/_sim/config', 'failNext', { failNext: r.pick([5, {}, { code: '' }, { code: 5 }, []]) }],
      () => ['/_sim/config', 'webhookDevHosts', { webhookDevHosts: r.pick(['x', [1], {}, null]) }],
      () => ['/_sim/config', 'replayHeader', { replayHeader: r.pick(['yes', 1, null]) }],
      () => ['/_sim/config', 'nonsense', { nonsense: 1 }],
      () => ['/_sim/triggers', 'allowed_cidrs', { allowed_cidrs: r.pick(['10.0.0.0/8', ['999.1.1.1/8'], [5], {}]) }],
      () => ['/_sim/triggers', 'trigger_id', { trigger_id: r.pick([5, '', [], {}, null]) }],
      () => ['/_sim/triggers', 'secret', { secret: r.pick([5, '', [], {}]) }],
      () => ['/_sim/triggers', 'api_key', { api_key: r.pick([5, 'sk_nobody', [], '']) }],
      () => ['/_sim/triggers', 'bogus', { bogus: 1 }],
      () => ['/_sim/accounts', 'api_key', { api_key: r.pick([5, '', [], null]) }],
      () => ['/_sim/accounts', 'credits', { api_key: PRO, credits: r.pick(badAmount) }],
      () => ['/_sim/accounts', 'storage_quota_bytes', { api_key: PRO, storage_quota_bytes: r.pick(badAmount) }],
      () => ['/_sim/accounts', 'storage_used_bytes', { api_key: PRO, storage_used_bytes: r.pick(badAmount) }],
      () => ['/_sim/accounts', 'api_access', { api_key: PRO, api_access: r.pick(['no', 0, null]) }],
      () => ['/_sim/accounts', 'mcp_access', { api_key: PRO, mcp_access: r.pick(['no', 0, []]) }],
      () => ['/_sim/accounts', 'name', { api_key: PRO, name: r.pick([5, {}, []]) }],
      () => ['/_sim/accounts', 'plan_code', { api_key: PRO, plan_code: r.pick([5, {}, []]) }],
      () => ['/_sim/accounts', 'allowed_templates', { api_key: PRO, allowed_templates: r.pick(['story', ['x'], [1]]) }],
      () => ['/_sim/accounts', 'bogus', { api_key: PRO, bogus: 1 }],
    ];
    const [path, field, body] = r.pick(table)();
    const payload =
      body ?? ({ chaos: { [field.split('.')[1] ?? '']: r.pick([...bad, 1.5, -0.1]) } } as Record<string, unknown>);
    // JSON cannot carry NaN/Infinity: they go out as the JSON literal text an odd client might write.
    const text = JSON.stringify(payload, (_k, v: unknown) =>
      typeof v === 'number' && !Number.isFinite(v) ? `@@${String(v)}@@` : v,
    ).replace(/"@@(.*?)@@"/g, '$1');
    return {
      name: `${path} ${text}`,
      steps: request('POST', path, [['Content-Type', 'application/json']], text),
      // NaN/Infinity literals are not JSON: the body itself is refused.
      allowed: [422],
      field: /NaN|Infinity/.test(text) ? 'body' : field,
    };
  },
  'raw protocol oddities': (r) => {
    const path = r.pick(JSON_ROUTES);
    const text = r.pick([
      `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n`,
      `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n`,
      `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}`,
      `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n{}`,
      `POST ${path} HTTP/1.0\r\nAuthorization: Bearer ${PRO}\r\nContent-Length: 2\r\n\r\n{}`,
      'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n',
      '\r\n\r\n\r\n',
      'GARBAGE\r\n\r\n',
      `GET ${path} HTTP/1.1\nHost: x\nConnection: close\n\n`,
      `GET ${path} HTTP/1.1\r\nHost: x\r\nX-Bad: a\u0000b\r\n\r\n`,
      `GET ${path} HTTP/1.1\r\nHost: x\r\nX-Bad : a\r\n\r\n`,
      `GET ${path} HTTP/9.9\r\nHost: x\r\n\r\n`,
      `POST ${path} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${PRO}\r\nExpect: 100-continue\r\nContent-Length: 10\r\n\r\n`,
      `GET ${path} HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n`,
    ]);
    return {
      name: JSON.stringify(text.slice(0, 80)),
      steps: [Buffer.from(text, 'latin1'), { wait: 5 }, 'end'],
      allowed: ['none', 200, 201, 202, 400, 401, 404, 405, 422, 505],
    };
  },
  /** JSON routes (and the signed trigger) whose client disconnects in the middle of the body. */
  'aborted JSON bodies': (r) => {
    const path = r.pick(JSON_ROUTES);
    const body = Buffer.from(JSON.stringify({ prompt: 'x'.repeat(r.int(100_000)) }));
    return {
      name: `${path} abort after ${body.length >> 1}`,
      steps: [
        head('POST', path, [AUTH, ['Content-Type', 'application/json'], ['Content-Length', String(body.length)]]),
        body.subarray(0, body.length >> 1),
        { wait: r.int(15) },
        r.pick(['destroy', 'end'] as const),
      ],
      allowed: ['none', 400],
    };
  },
};

function summarize(answer: RawAnswer): string {
  return `${answer.statuses.join(',') || 'no answer'}${answer.error ? ` (${answer.error})` : ''}: ${answer.text
    .split('\r\n\r\n')
    .slice(1)
    .join(' ')
    .slice(0, 200)}`;
}

/** The problems with one answer, if any. */
function judge(c: Case, answer: RawAnswer): string[] {
  const problems: string[] = [];
  // `100 Continue` is an interim answer: judge the final one.
  const first = answer.statuses.find((s) => s >= 200);
  if (first === undefined) {
    if (!c.allowed.includes('none')) problems.push(`no answer, expected ${c.allowed.join('/')}`);
    return problems;
  }
  if (!c.allowed.includes(first)) problems.push(`status ${first}, expected ${c.allowed.join('/')}`);
  if (first >= 500) problems.push(`server error ${first}`);
  const start = answer.text.search(new RegExp(`HTTP/1\\.[01] ${first} `));
  const text = answer.text.slice(start);
  const body = text.slice(text.indexOf('\r\n\r\n') + 4);
  const isJson = /content-type: application\/json/i.test(text.slice(0, text.indexOf('\r\n\r\n')));
  // An answer to HEAD has no body (RFC 9110); every other error answer is the JSON envelope.
  if (first >= 400 && !c.name.includes('] HEAD ')) {
    let json: { request_id?: unknown; error?: { code?: unknown; details?: Record<string, unknown> } } = {};
    try {
      json = JSON.parse(body.slice(0, Number(/content-length: *(\d+)/i.exec(text)?.[1] ?? body.length)));
    } catch {
      problems.push('error answer is not JSON');
    }
    if (!isJson) problems.push('error answer without Content-Type: application/json');
    else if (typeof json.request_id !== 'string' || typeof json.error?.code !== 'string') {
      problems.push('error answer without request_id / error.code');
    }
    if (c.field !== undefined && first === 422 && !(c.field in (json.error?.details ?? {}))) {
      problems.push(`422 does not name ${c.field}`);
    }
  }
  return problems;
}

async function runAll(port: number, cases: Case[]): Promise<string[]> {
  const failures: string[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < cases.length) {
      const c = cases[next++] as Case;
      const answer = await raw(port, c.steps, c.deadlineMs ?? 3000);
      const problems = judge(c, answer);
      if (problems.length > 0) failures.push(`${c.name}: ${problems.join('; ')} [${summarize(answer)}]`);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return failures;
}

describe('fuzz: malformed requests of every kind', () => {
  let sim: SimulatorHandle;
  const escaped: string[] = [];
  const onError = (e: unknown): void => {
    escaped.push(e instanceof Error ? `${e.name}: ${e.message}` : String(e));
  };
  const onWarning = (w: Error): void => {
    escaped.push(`warning ${w.name}: ${w.message}`);
  };
  let consoleError: ReturnType<typeof vi.spyOn>;

  beforeAll(async () => {
    sim = await startSimulator({ speed: 1000, rateLimitPerMinute: 0, seed: SEED });
    process.on('uncaughtException', onError);
    process.on('unhandledRejection', onError);
    process.on('warning', onWarning);
    consoleError = vi.spyOn(console, 'error');
  });
  afterAll(async () => {
    process.off('uncaughtException', onError);
    process.off('unhandledRejection', onError);
    process.off('warning', onWarning);
    consoleError.mockRestore();
    await sim.close();
  });

  it(`survives ${Object.keys(generators).length} kinds x ${CASES_PER_KIND} seeded malformed requests`, async () => {
    const r = new Prng(SEED);
    const cases: Case[] = [];
    for (let i = 0; i < CASES_PER_KIND; i++) {
      for (const [kind, generate] of Object.entries(generators)) {
        const c = generate(r, cases.length);
        cases.push({ ...c, name: `[${kind} #${cases.length}] ${c.name}` });
      }
    }
    expect(cases.length).toBeGreaterThanOrEqual(500);
    const failures = await runAll(sim.port, cases);
    expect({ count: failures.length, first: failures.slice(0, 40) }).toEqual({ count: 0, first: [] });

    // Every request the simulator took was answered or recorded as abandoned: no handler is left hanging.
    await expect
      .poll(() => sim.requests().filter((e) => e.status === null && e.error_code === null).length, {
        timeout: 3000,
      })
      .toBe(0);
    expect(consoleError.mock.calls.map((args: unknown[]) => args.map(String).join(' ').slice(0, 300))).toEqual([]);
    expect(escaped).toEqual([]);

    // Still alive and correct: a normal create, polled to completion.
    sim.updateAccount({ api_key: PRO, credits: 10_000 });
    const created = await fetch(`${sim.url}/api/v1/rants/videos`, {
      method: 'POST',
      headers: { authorization: `Bearer ${PRO}`, 'content-type': 'application/json', 'idempotency-key': 'after-fuzz' },
      body: JSON.stringify({ prompt: 'A rant about keycards that never work.' }),
    });
    expect(created.status).toBe(202);
    const { video_id: id } = (await created.json()) as { video_id: number };
    await expect
      .poll(
        async () => {
          const res = await fetch(`${sim.url}/api/v1/rants/videos/${id}`, {
            headers: { authorization: `Bearer ${PRO}` },
          });
          return ((await res.json()) as { status: string }).status;
        },
        { timeout: 10_000, interval: 20 },
      )
      .toBe('completed');
  }, 60_000);
});
