using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Polly;

namespace Herald.InsiderOne;

/// <summary>
/// One limiter per API token, shared by every run in the process, because Insider One counts per token.
/// Waiting for a permit queues without bound: a run waits its turn rather than failing, and the wait
/// never uses up a retry.
/// </summary>
/// <remarks>
/// Every token Herald sends gets a limiter, including the tokens typed into "Test connection" and the hand-over page,
/// which a hostile caller can vary at will. So at most <c>maxTokens</c> (Herald:InsiderOne:MaxTokenLimiters) are kept:
/// a new token evicts the least recently used limiters that are idle, that is with nobody waiting and their next
/// slot already reached. A fresh limiter for an evicted token starts its timeline at now, exactly as the idle one
/// would have, so eviction loses no pacing. Limiters still busy are never evicted; the count then stays above the
/// bound only by the tokens with requests in flight, which Herald's other limits bound.
/// </remarks>
public sealed class TokenRateLimiters(int requestsPerSecond, int maxTokens = InsiderOneDefaults.MaxTokenLimiters, TimeProvider? time = null) : IDisposable
{
    /// <summary>
    /// The window is a little longer than a second so that jitter between Herald's clock and the moment
    /// Insider One counts a request never puts one request too many into Insider One's second.
    /// </summary>
    public static readonly TimeSpan Window = TimeSpan.FromMilliseconds(1020);

    private readonly Lock _lock = new();

    // Most recently used first; the dictionary finds a token's node in the list.
    private readonly LinkedList<TokenLane> _recent = new();
    private readonly Dictionary<string, LinkedListNode<TokenLane>> _lanes = new(StringComparer.Ordinal);

    /// <summary>The limiters <paramref name="options"/> ask for: their rate per token and how many tokens to keep.</summary>
    public static TokenRateLimiters Of(InsiderOneOptions options) => new(options.RequestsPerSecond, options.MaxTokenLimiters);

    /// <summary>How many tokens have a limiter now.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _lanes.Count;
            }
        }
    }

    public RateLimiter For(string apiToken) => LaneOf(apiToken).Limiter;

    /// <summary>
    /// The token's retry pipeline, made once around its limiter by <paramref name="create"/> and evicted with it, so that
    /// a pipeline never paces with a limiter the token no longer has.
    /// </summary>
    public ResiliencePipeline<HttpResponseMessage> PipelineFor(string apiToken, Func<RateLimiter, ResiliencePipeline<HttpResponseMessage>> create)
    {
        var lane = LaneOf(apiToken);
        lock (_lock)
        {
            return lane.Pipeline ??= create(lane.Limiter);
        }
    }

    /// <summary>Limiters are keyed by a hash so that the token itself is not kept around as a key.</summary>
    internal static string KeyOf(string apiToken) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(apiToken)));

    private TokenLane LaneOf(string apiToken)
    {
        var key = KeyOf(apiToken);
        lock (_lock)
        {
            if (_lanes.TryGetValue(key, out var node))
            {
                _recent.Remove(node);
                _recent.AddFirst(node);
                return node.Value;
            }
            EvictIdle();
            var lane = new TokenLane(key, new PacedRateLimiter(requestsPerSecond, Window, time ?? TimeProvider.System));
            _lanes[key] = _recent.AddFirst(lane);
            return lane;
        }
    }

    // Makes room for one more token, least recently used first, among the limiters nobody is using.
    private void EvictIdle()
    {
        var node = _recent.Last;
        while (_lanes.Count >= maxTokens && node is not null)
        {
            var older = node.Previous;
            if (node.Value.Limiter.IsIdle)
            {
                _recent.Remove(node);
                // Not disposed: a caller that took it a moment ago may still acquire from it once, harmlessly.
                _lanes.Remove(node.Value.Key);
            }
            node = older;
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            foreach (var lane in _recent)
            {
                lane.Limiter.Dispose();
            }
        }
    }

    private sealed class TokenLane(string key, PacedRateLimiter limiter)
    {
        public string Key { get; } = key;

        public PacedRateLimiter Limiter { get; } = limiter;

        public ResiliencePipeline<HttpResponseMessage>? Pipeline { get; set; }
    }
}
