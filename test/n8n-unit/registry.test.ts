/**
 * One registration per operation: every option of every Operation dropdown has a module the router runs, and every
 * operation module in nodes/Trending/actions is registered (so it has an option).
 */
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { findOperation, RESOURCES } from '../../nodes/Trending/actions/resources';
import type { Operation } from '../../nodes/Trending/actions/shared';
import { Trending } from '../../nodes/Trending/Trending.node';

const ACTIONS = resolve(__dirname, '../../nodes/Trending/actions');
const properties = new Trending().description.properties;

function shownFor(resource: string, operation: string, name: string): INodeProperties | undefined {
  return properties.find((p) => {
    const show = p.displayOptions?.show ?? {};
    return (
      p.name === name &&
      (show.resource as string[] | undefined)?.includes(resource) &&
      (show.operation as string[] | undefined)?.includes(operation)
    );
  });
}

const resourceValues = (properties.find((p) => p.name === 'resource')!.options as INodePropertyOptions[]).map((o) =>
  String(o.value),
);

const dropdowns = properties
  .filter((p) => p.name === 'operation')
  .flatMap((p) =>
    (p.displayOptions!.show!.resource as string[]).flatMap((resource) =>
      (p.options as INodePropertyOptions[]).map((o) => ({ resource, option: o })),
    ),
  );

describe('operation registry', () => {
  it('offers an Operation dropdown for every resource and nothing else', () => {
    expect(new Set(dropdowns.map((d) => d.resource))).toEqual(new Set(resourceValues));
  });

  it.each(dropdowns.map((d) => [d.resource, String(d.option.value), d.option] as const))(
    '%s / %s has a module the router runs, with its name, action and description',
    (resource, operation, option) => {
      const module = findOperation(resource, operation);
      expect(module).toBeDefined();
      expect(typeof ('executeBatch' in module! ? module.executeBatch : module!.execute)).toBe('function');
      expect(option.action).toBeTruthy();
      expect(option.description).toBeTruthy();
    },
  );

  it('has every registered operation in its resource dropdown, once', () => {
    for (const resource of RESOURCES) {
      const offered = dropdowns.filter((d) => d.resource === resource.option.value).map((d) => d.option.value);
      const registered = resource.operations.map((o) => o.option.value);
      expect(offered.sort(), String(resource.option.value)).toEqual([...new Set(registered)].sort());
      expect(registered.length, String(resource.option.value)).toBe(new Set(registered).size);
    }
  });

  it('shows Video ID on every operation that reads it', () => {
    for (const resource of RESOURCES) {
      for (const operation of resource.operations) {
        if (!('takesVideoId' in operation) || !operation.takesVideoId) continue;
        const value = String(operation.option.value);
        expect(shownFor(String(resource.option.value), value, 'videoId'), value).toBeDefined();
      }
    }
  });

  it('registers every operation module file', async () => {
    const registered = new Set<Operation['description']>(
      RESOURCES.flatMap((r) => r.operations.map((o) => o.description)),
    );
    const files = readdirSync(ACTIONS, { recursive: true, encoding: 'utf8' }).filter((f) =>
      f.endsWith('.operation.ts'),
    );
    // One file per registered operation (a template's video operations are registered once per template, alike).
    expect(files.length).toBe(registered.size);
    for (const file of files) {
      const exports = (await import(join(ACTIONS, file))) as Record<string, unknown>;
      // A module is either the file itself (description + execute) or one exported object holding both.
      const candidates = [exports, ...Object.values(exports)].filter(
        (value): value is { description: Operation['description'] } =>
          typeof value === 'object' && value !== null && 'description' in value && Array.isArray(value.description),
      );
      expect(
        candidates.some((candidate) => registered.has(candidate.description)),
        `${file} is not registered in any resource`,
      ).toBe(true);
    }
  });
});
