import { DROPDOWNS, dropdownChoice, listDropdown } from '../src/catalogue/dropdowns';
import type { DynamicSource } from '../src/catalogue/types';
import { TrendingClient } from '../src/client';
import { endpointPath } from '../src/endpoints';
import type { Transport } from '../src/transport';
import { recordingTransport } from './support/node-transport';

/** A client whose every list answers `body`, recording the requests. */
function listing(body: Record<string, unknown>) {
  const transport = recordingTransport({
    request: async () => ({ status: 200, headers: {}, body: JSON.stringify(body) }),
  } as unknown as Transport);
  return { transport, client: new TrendingClient({ apiKey: 'sk_test_k', transport }) };
}

describe('DROPDOWNS', () => {
  it.each(Object.keys(DROPDOWNS) as DynamicSource[])(
    '%s lists its endpoint through its client method',
    async (source) => {
      const { client, transport } = listing({ items: [] });
      await listDropdown(client, source);
      expect(transport.requests.map((r) => new URL(r.url).pathname)).toEqual([
        endpointPath(DROPDOWNS[source].endpoint),
      ]);
    },
  );

  it('labels a voice by its traits and marks a favourite; its preview is the description', () => {
    expect(
      dropdownChoice('voiceActors', {
        id: 233,
        name: 'Ava',
        gender: 'female',
        age: 'young adult',
        accent: 'American',
        is_favorite: true,
        preview_url: 'https://cdn.test/ava.mp3',
      }),
    ).toEqual({
      value: 233,
      label: 'Ava (female, young adult, American) ★',
      description: 'Preview: https://cdn.test/ava.mp3',
    });
    expect(dropdownChoice('voiceActors', { id: 7 })).toEqual({ value: 7, label: 'Voice 7' });
  });

  it('takes the first value key present, and skips items without one', () => {
    expect(dropdownChoice('libraryFolders', { folder_id: 42 })).toEqual({ value: 42, label: 'Folder 42' });
    expect(dropdownChoice('characterSources', { id: 9, title: 'Keycard' })).toMatchObject({
      label: 'Keycard (video 9)',
    });
    expect(dropdownChoice('referenceImages', { name: 'no id' })).toBeUndefined();
  });

  it('labels a saved outro by its name or line (shortened) and its key', async () => {
    const line = 'This story was brought to you by SkyLaunch, the rocket company for weekend astronauts.';
    const { client } = listing({ outro_sources: [{ key: 'o1', text: line }, { key: 'o2' }, { text: 'no key' }] });
    expect(await listDropdown(client, 'outroSources')).toEqual([
      { value: 'o1', label: `${line.slice(0, 57)}... (o1)`, description: line },
      { value: 'o2', label: 'o2' },
    ]);
  });
});
