// GET /health – liveness: plain text OK while the process serves requests
export function GET(): Response {
  return new Response('OK', { headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
}
