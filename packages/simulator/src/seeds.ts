/**
 * What each default account already owns when the simulator starts (and after a reset): Library folders, Story
 * reference images and outro sources, plus the platform's voice actors. Ids are fixed so tests and docs can use them.
 */
/** `upload_profile (background or ranking)`: what a Library clip is for. */
export type UploadProfile = 'background' | 'ranking';

export interface FolderItem {
  kind: 'user_video' | 'shared_video' | 'music' | 'image';
  uploadProfile: UploadProfile;
  durationSeconds: number;
}

export interface LibraryFolder {
  id: number;
  accountId: number;
  name: string;
  /** `error` makes a run fail with background_folder_underfilled instead of auto-filling. */
  underfillStrategy: 'auto_fill' | 'error';
  items: FolderItem[];
}

export interface ReferenceImage {
  id: number;
  accountId: number;
  name: string;
  contentType: string;
  sizeBytes: number | null;
  sourceType: 'upload' | 'url' | 'seed';
  sourceUrl: string | null;
  createdAt: number;
}

export interface OutroSource {
  key: string;
  accountId: number;
  text: string;
  speaker: string;
  sourceVideoId: number | null;
  createdAt: number;
}

export interface VoiceActor {
  id: number;
  name: string;
  gender: 'female' | 'male';
  age: 'teen' | 'young_adult' | 'adult' | 'senior';
  accent: string;
}

/** Voice 233 is the List template's documented fallback voice. */
export const VOICE_ACTORS: readonly VoiceActor[] = [
  { id: 101, name: 'Ava', gender: 'female', age: 'young_adult', accent: 'American' },
  { id: 102, name: 'Liam', gender: 'male', age: 'young_adult', accent: 'British' },
  { id: 103, name: 'Sofia', gender: 'female', age: 'adult', accent: 'Latin American' },
  { id: 104, name: 'Noah', gender: 'male', age: 'teen', accent: 'American' },
  { id: 105, name: 'Harper', gender: 'female', age: 'senior', accent: 'Australian' },
  { id: 106, name: 'Kai', gender: 'male', age: 'adult', accent: 'Irish' },
  { id: 107, name: 'Zoe', gender: 'female', age: 'teen', accent: 'Canadian' },
  { id: 233, name: 'Mason', gender: 'male', age: 'adult', accent: 'American' },
];

function clips(n: number, uploadProfile: UploadProfile, kind: FolderItem['kind'] = 'user_video'): FolderItem[] {
  return Array.from({ length: n }, (_, i) => ({ kind, uploadProfile, durationSeconds: 12 + ((i * 7) % 20) }));
}

export function seedFolders(): LibraryFolder[] {
  return [
    {
      id: 301,
      accountId: 1,
      name: 'Parkour backgrounds',
      underfillStrategy: 'auto_fill',
      items: [
        ...clips(10, 'background'),
        ...clips(4, 'background', 'shared_video'),
        ...clips(2, 'background', 'music'),
      ],
    },
    { id: 302, name: 'Ranking clips', accountId: 1, underfillStrategy: 'auto_fill', items: clips(8, 'ranking') },
    {
      id: 303,
      accountId: 1,
      name: 'Strict single clip',
      underfillStrategy: 'error',
      items: clips(1, 'background'),
    },
    { id: 401, accountId: 4, name: 'Story-only folder', underfillStrategy: 'auto_fill', items: clips(3, 'background') },
  ];
}

export function seedReferenceImages(now: number): ReferenceImage[] {
  const seed = {
    accountId: 1,
    contentType: 'image/png',
    sizeBytes: 48_213,
    sourceType: 'seed' as const,
    sourceUrl: null,
  };
  return [
    { id: 501, name: 'cpalead-logo.png', createdAt: now - 86_400_000, ...seed },
    { id: 502, name: 'mascot-sheet.png', createdAt: now - 3_600_000, ...seed },
  ];
}

export function seedOutroSources(now: number): OutroSource[] {
  return [
    {
      key: 'skylaunch_default',
      accountId: 1,
      text: 'This story was brought to you by SkyLaunch.',
      speaker: 'Ava',
      sourceVideoId: null,
      createdAt: now - 86_400_000,
    },
  ];
}
