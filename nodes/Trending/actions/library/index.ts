/**
 * Library: background folders, coverage preflight, and clip uploads (file or URL).
 */
import type { ResourceModule } from '../shared';
import { listFolders } from './listFolders.operation';
import { checkFolderCoverage } from './checkFolderCoverage.operation';
import { uploadVideo } from './uploadVideo.operation';
import { importVideoUrl } from './importVideoUrl.operation';
import { getUpload } from './getUpload.operation';

const operations = [listFolders, checkFolderCoverage, uploadVideo, importVideoUrl, getUpload];

export const library: ResourceModule = {
  option: { name: 'Library', value: 'library', description: 'Background folders and clip uploads' },
  defaultOperation: 'listFolders',
  operations,
  parameters: operations.flatMap((operation) => operation.description),
};
