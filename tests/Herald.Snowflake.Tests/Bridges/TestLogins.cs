using Herald.Snowflake.Bridges;

namespace Herald.Snowflake.Tests.Bridges;

/// <summary>The one <c>snowflake</c> login of a test, for any credential id; <see cref="Login"/> may be swapped (a wrong key).</summary>
internal sealed class TestLogins(SnowflakeLogin login) : ISnowflakeLogins
{
    public SnowflakeLogin Login { get; set; } = login;

    public Task<SnowflakeLogin?> FindAsync(Guid credentialId, CancellationToken cancellationToken) => Task.FromResult<SnowflakeLogin?>(Login);
}
