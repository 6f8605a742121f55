// GET /api/v1/channels/:id/audio/stats – audio statistics aggregated from the participants' WebRTC reports
import { route } from '@/lib/http/route';
import { audioStats } from '@/lib/voice/endpoints';
import { getAudioStats } from '@/lib/voice/service';

export const GET = route(audioStats, ({ ctx, params }) => getAudioStats(ctx, params.id));
