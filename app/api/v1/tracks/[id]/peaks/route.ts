// GET /api/v1/tracks/:id/peaks – waveform peaks for wavesurfer.js
import { route } from '@/lib/http/route';
import { peaks } from '@/lib/tracks/endpoints';
import { getPeaks } from '@/lib/tracks/service';

export const GET = route(peaks, ({ ctx, req, params }) => getPeaks(ctx, req, params.id));
