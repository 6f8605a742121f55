// The endpoints that answer stored bytes through serveStored (lib/files/download.ts). Each handler is
// defined once, here: its Next route file exports it, and server.ts's fast path (lib/http/fast-path.ts)
// runs the very same function for GET and HEAD without going through Next.
import { downloadFile } from '../files/service';
import * as files from '../files/endpoints';
import { downloadInternalDocument, downloadResource } from '../resources/service';
import * as resources from '../resources/endpoints';
import { serveAudio } from '../tracks/service';
import * as tracks from '../tracks/endpoints';
import { serveAvatar } from '../users/avatar';
import * as users from '../users/endpoints';
import type { Endpoint } from './endpoint';
import { route, type RouteContext } from './route';

export const trackAudio = route(tracks.audio, ({ ctx, req, params, query }) => serveAudio(ctx, req, params.id, query));
export const fileDownload = route(files.download, ({ ctx, req, params }) => downloadFile(ctx, req, params.id));
export const resourceDownload = route(resources.download, ({ ctx, req, params }) => downloadResource(ctx, req, params.id));
export const internalDocumentDownload = route(resources.downloadInternal, ({ ctx, req, params }) =>
  downloadInternalDocument(ctx, req, params.id),
);
export const userAvatar = route(users.avatar, ({ ctx, req, params }) => serveAvatar(ctx, req, params.id));

export interface StoredRoute {
  endpoint: Pick<Endpoint, 'method' | 'path'>;
  handler: (req: Request, context: RouteContext) => Promise<Response>;
}

export const storedRoutes: StoredRoute[] = [
  { endpoint: tracks.audio, handler: trackAudio },
  { endpoint: files.download, handler: fileDownload },
  { endpoint: resources.download, handler: resourceDownload },
  { endpoint: resources.downloadInternal, handler: internalDocumentDownload },
  { endpoint: users.avatar, handler: userAvatar },
];
