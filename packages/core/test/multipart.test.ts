import { buildMultipart } from '../src/multipart';

const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe('buildMultipart', () => {
  it('lays out text and file parts per RFC 7578', () => {
    const data = new Uint8Array([0x00, 0xff, 0x0d, 0x0a]);
    const { body, contentType } = buildMultipart(
      [
        { name: 'name', value: 'Logo' },
        { name: 'file', data, fileName: 'logo.png', contentType: 'image/png' },
      ],
      'BOUNDARY',
    );
    expect(contentType).toBe('multipart/form-data; boundary=BOUNDARY');
    const head =
      '--BOUNDARY\r\nContent-Disposition: form-data; name="name"\r\n\r\nLogo\r\n' +
      '--BOUNDARY\r\nContent-Disposition: form-data; name="file"; filename="logo.png"\r\nContent-Type: image/png\r\n\r\n';
    const tail = '\r\n--BOUNDARY--\r\n';
    const encoder = new TextEncoder();
    expect(Array.from(body)).toEqual([...encoder.encode(head), ...data, ...encoder.encode(tail)]);
  });

  it('keeps file bytes exact (no text decoding)', () => {
    const data = Uint8Array.from({ length: 256 }, (_, i) => i);
    const { body } = buildMultipart(
      [{ name: 'file', data, fileName: 'a.bin', contentType: 'application/octet-stream' }],
      'b',
    );
    const start = decode(body).indexOf('\r\n\r\n') + 4;
    expect(Array.from(body.subarray(start, start + 256))).toEqual(Array.from(data));
  });

  it('escapes quotes and line breaks in names and file names', () => {
    const { body } = buildMultipart(
      [{ name: 'file', data: new Uint8Array(), fileName: 'a"b\r\nc.png', contentType: 'image/png' }],
      'b',
    );
    expect(decode(body)).toContain('filename="a%22b%0D%0Ac.png"');
  });

  it('picks a fresh random boundary when none is given', () => {
    const a = buildMultipart([{ name: 'x', value: '1' }]);
    const b = buildMultipart([{ name: 'x', value: '1' }]);
    expect(a.contentType).toMatch(/^multipart\/form-data; boundary=----trending[0-9a-f]{32}$/);
    expect(a.contentType).not.toBe(b.contentType);
    expect(decode(a.body).endsWith(`--${a.contentType.split('boundary=')[1]}--\r\n`)).toBe(true);
  });

  it('refuses a boundary or content type that could break the framing', () => {
    expect(() => buildMultipart([], 'has space')).toThrow(/boundary/);
    expect(() => buildMultipart([], 'x'.repeat(71))).toThrow(/boundary/);
    expect(() =>
      buildMultipart([{ name: 'f', data: new Uint8Array(), fileName: 'f', contentType: 'text/plain\r\nX: y' }], 'b'),
    ).toThrow(/control characters/);
  });
});
