/** The CLI's building blocks as a library, for the demo, benchmarks and anyone embedding them. */
export { run, buildProgram, VERSION } from './program';
export { createTransport, createAxiosInstance } from './transport';
export {
  startWebhookListener,
  type ReceivedEvent,
  type WebhookListener,
  type WebhookListenerOptions,
} from './webhook-listener';
export { downloadFile, type DownloadedFile, type DownloadOptions } from './download';
export { Journal, type JournalEntry } from './journal';
export { readRows } from './rows/read';
export { sendRows, planRows, type RowOutcome, type SendTarget } from './trigger-sender';
