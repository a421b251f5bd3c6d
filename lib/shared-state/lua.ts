/**
 * Pieces of the Lua scripts the shared stores run in Redis (one script per
 * check, so instances checking at the same moment cannot both pass).
 */

/**
 * Sets the Lua local `now` (ms) from ARGV[1], or from Redis's own clock
 * (`TIME`) when ARGV[1] is negative: instances whose clocks disagree then
 * still share one window. Tests pass a frozen clock instead.
 */
export const LUA_NOW_MS = `
local now = tonumber(ARGV[1])
if now < 0 then
  local time = redis.call('TIME')
  now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
end
`;
