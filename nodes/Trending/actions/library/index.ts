/**
 * Library: background folders, coverage preflight, and clip uploads (file or URL).
 */
import type { INodeProperties } from 'n8n-workflow';
import { type OperationModule } from '../shared';
import { listFolders } from './listFolders.operation';
import { checkFolderCoverage } from './checkFolderCoverage.operation';
import { uploadVideo } from './uploadVideo.operation';
import { importVideoUrl } from './importVideoUrl.operation';
import { getUpload } from './getUpload.operation';

export const libraryOperations: Record<string, OperationModule> = {
  listFolders,
  checkFolderCoverage,
  uploadVideo,
  importVideoUrl,
  getUpload,
};

export const libraryDescription: INodeProperties[] = Object.values(libraryOperations).flatMap((o) => o.description);
