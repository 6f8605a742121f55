// GET /api/v1/tracks/:id/audio – the audio bytes with Range; by Bearer, cookie or a signed URL
// (defined with the other stored-bytes handlers, which server.ts also serves before Next)
import { trackAudio } from '@/lib/http/stored-routes';

export const GET = trackAudio;
