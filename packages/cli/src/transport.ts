/**
 * Core's Transport for Node, on axios. Core serialises and signs bodies itself, so this layer must send the exact
 * bytes it is given and hand back the raw response text: every axios transformation is switched off.
 */
import http from 'node:http';
import https from 'node:https';
import { setTimeout as sleepFor } from 'node:timers/promises';
import axios, { AxiosError, type AxiosInstance } from 'axios';
import type { HttpRequest, HttpResponse, Transport } from '@trending/core';

/** Kept-alive sockets: a CSV run sends hundreds of requests to one host. */
const AGENTS = {
  httpAgent: new http.Agent({ keepAlive: true }),
  httpsAgent: new https.Agent({ keepAlive: true }),
};

export function createAxiosInstance(): AxiosInstance {
  return axios.create({
    ...AGENTS,
    // Every status is an answer for core to judge (429 Retry-After, the API's error envelope).
    validateStatus: () => true,
    // axios would JSON-parse responses, and it trims string request bodies that look like JSON: both break signatures.
    responseType: 'text',
    transformRequest: [(data: unknown) => data],
    transformResponse: [(data: unknown) => data],
    // A redirect would resend the Authorization header to wherever it points.
    maxRedirects: 0,
  });
}

export function createTransport(instance: AxiosInstance = createAxiosInstance()): Transport {
  return {
    async request(req: HttpRequest): Promise<HttpResponse> {
      try {
        const res = await instance.request<string>({
          method: req.method,
          url: req.url,
          headers: req.headers,
          data: req.body === undefined ? undefined : Buffer.from(req.body),
          timeout: req.timeoutMs,
        });
        return { status: res.status, headers: lowerCaseHeaders(res.headers), body: res.data ?? '' };
      } catch (error) {
        throw withoutRequestConfig(error);
      }
    },
    sleep: (ms, signal) => sleepFor(ms, undefined, { signal }),
    now: () => Date.now(),
    random: () => Math.random(),
  };
}

function lowerCaseHeaders(headers: object): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || value === null) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return out;
}

/**
 * An AxiosError carries the request config, Authorization header included, so anything that logs it would print the
 * API key. Core only needs a message and whether it was a timeout (core names that `TimeoutError`).
 */
function withoutRequestConfig(error: unknown): Error {
  if (!(error instanceof AxiosError)) return error instanceof Error ? error : new Error(String(error));
  const timedOut = error.code === AxiosError.ECONNABORTED || error.code === AxiosError.ETIMEDOUT;
  const plain = new Error(error.code ? `${error.code}: ${error.message}` : error.message);
  plain.name = timedOut ? 'TimeoutError' : 'NetworkError';
  return plain;
}
