using System.Globalization;
using Herald.SnowflakeStandIn.Api;
using Herald.SnowflakeStandIn.Engine;
using Herald.SnowflakeStandIn.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Herald.SnowflakeStandIn;

/// <summary>
/// A stand-in for Snowflake's SQL API v2 (snowflake.md, "The stand-in for tests"), served by its own Kestrel so that
/// it runs inside any process. Statements run in an in-memory DuckDB with Snowflake's dialect differences
/// translated; key-pair JWTs are checked against the configured public keys; shares and grants are recorded.
/// Each instance is independent of any other.
/// </summary>
public sealed class SnowflakeStandIn : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly DuckDbEngine engine;
    private readonly StandInState state;
    private readonly ShareRegistry shares;
    private readonly string? ownedStageRoot;
    private int disposed;

    private SnowflakeStandIn(WebApplication app, DuckDbEngine engine, StandInState state, ShareRegistry shares, StandInFaults faults, string stageRoot, bool ownsStageRoot)
    {
        StageRoot = stageRoot;
        ownedStageRoot = ownsStageRoot ? stageRoot : null;
        this.app = app;
        this.engine = engine;
        this.state = state;
        this.shares = shares;
        Faults = faults;
    }

    /// <summary>The address the stand-in answers on, with the port actually bound: a client's base URL.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The folder stages read from: the S3-compatible endpoint at <see cref="BaseUrl"/> writes objects to
    /// <c>&lt;StageRoot&gt;/&lt;bucket&gt;/&lt;key&gt;</c>.</summary>
    public string StageRoot { get; }

    /// <summary>The live faults; change them at any time.</summary>
    public StandInFaults Faults { get; }

    /// <summary>Every statement submission, oldest first.</summary>
    public IReadOnlyList<ReceivedStatement> Statements => state.Statements();

    /// <summary>Status polls, cancels and refused requests, oldest first.</summary>
    public IReadOnlyList<ReceivedCall> Calls => state.Calls();

    /// <summary>The shares made so far, with their accounts and grants.</summary>
    public IReadOnlyList<StandInShare> Shares => shares.All();

    /// <summary>Starts a stand-in on <paramref name="url"/>; port 0 picks a free port (use 127.0.0.1 then).</summary>
    /// <exception cref="ArgumentException">The options are invalid; the message names the setting.</exception>
    public static async Task<SnowflakeStandIn> StartAsync(StandInOptions options, string url = "http://127.0.0.1:0", CancellationToken cancellationToken = default)
    {
        StandInOptionsValidation.Validate(options);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(SnowflakeStandIn).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environments.Production,
        });
        builder.WebHost.UseKestrelCore().UseUrls(url).ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = options.MaxRequestBytes);
        builder.Services.AddRoutingCore();
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        var stageRoot = options.StageRoot ?? Path.Combine(Path.GetTempPath(), "herald-standin-stage-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(stageRoot);
        var engine = new DuckDbEngine(options.Databases, options.PartitionRows, options.MaxResultRows, stageRoot);
        try
        {
            var time = options.TimeProvider;
            var faults = options.Faults.Copy();
            var state = new StandInState(options.RetainedStatements);
            var shares = new ShareRegistry();
            var ownerAccount = options.Users[0].Account;
            var consumerShares = new ConsumerShares(shares, ownerAccount);
            var stages = new StageCommands(stageRoot);
            foreach (var (name, stageUrl) in options.Stages)
            {
                stages.Add(name, stageUrl);
            }

            var runner = new StatementRunner(engine, new ShareCommands(shares, ownerAccount, time), consumerShares, stages, state, faults, time);
            var api = new StatementApi(options, new JwtVerifier(options.Users, options.Consumers, time), state, faults, runner, consumerShares, time);
            app.MapPost(StatementAnswers.StatementsPath, api.SubmitAsync);
            app.MapGet(StatementAnswers.StatementsPath + "/{handle}", (HttpContext context, string handle) => api.StatusAsync(context, handle));
            app.MapPost(StatementAnswers.StatementsPath + "/{handle}/cancel", (HttpContext context, string handle) => api.CancelAsync(context, handle));
            var objects = new StageObjectApi(options, stageRoot, state);
            // One route for both verbs, so any other request to an unknown path stays a 404 (not a 405).
            app.Map("/{bucket}/{**key}", (HttpContext context, string bucket, string key) => context.Request.Method switch
            {
                "PUT" => objects.PutAsync(context, bucket, key),
                "DELETE" => objects.DeleteAsync(context, bucket, key),
                _ => Task.FromResult(context.Response.StatusCode = 404),
            });
            var standIn = new SnowflakeStandIn(app, engine, state, shares, faults, stageRoot, options.StageRoot is null);
            await app.StartAsync(cancellationToken);
            standIn.BaseUrl = new Uri(app.Urls.First().Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal));
            return standIn;
        }
        catch
        {
            engine.Dispose();
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs a query in the stand-in's DuckDB directly (DuckDB's dialect, no JWT), for tests that look at
    /// table contents. Values come back as DuckDB gives them.</summary>
    public async Task<IReadOnlyList<object?[]>> QueryAsync(string duckDbSql, CancellationToken cancellationToken = default)
    {
        using var turn = await engine.TakeTurnAsync(cancellationToken);
        return engine.Query(duckDbSql);
    }

    /// <summary>The stand-in's own bulk insert (DuckDB's appender): the reference a client's load is measured
    /// against. The table must exist; values are appended in column order.</summary>
    public async Task<long> BulkInsertAsync(string database, string schema, string table, IAsyncEnumerable<object?[]> rows, CancellationToken cancellationToken = default)
    {
        using var turn = await engine.TakeTurnAsync(cancellationToken);
        using var appender = engine.CreateAppender(database, schema, table);
        long count = 0;
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            var appended = appender.CreateRow();
            foreach (var value in row)
            {
                appended = value switch
                {
                    null => appended.AppendNullValue(),
                    string text => appended.AppendValue(text),
                    long number => appended.AppendValue(number),
                    int number => appended.AppendValue(number),
                    decimal number => appended.AppendValue(number),
                    double number => appended.AppendValue(number),
                    bool flag => appended.AppendValue(flag),
                    DateTime moment => appended.AppendValue(moment),
                    DateOnly date => appended.AppendValue((DateOnly?)date),
                    _ => appended.AppendValue(Convert.ToString(value, CultureInfo.InvariantCulture)),
                };
            }

            appended.EndRow();
            count++;
        }

        return count;
    }

    /// <summary>Completes when the statement with this handle has finished (succeeded, failed or canceled).</summary>
    /// <exception cref="ArgumentException">No statement has the handle (or it was forgotten).</exception>
    public Task WaitForStatementAsync(string handle, CancellationToken cancellationToken) =>
        (state.ByHandle(handle) ?? throw new ArgumentException($"No statement has the handle {handle}.", nameof(handle))).Done.WaitAsync(cancellationToken);

    /// <summary>Completes when <paramref name="condition"/> holds for the recorded statements and calls; checked each
    /// time one is recorded, so a test waits for an event rather than for time.</summary>
    public async Task WaitUntilAsync(Func<SnowflakeStandIn, bool> condition, CancellationToken cancellationToken)
    {
        while (true)
        {
            var next = state.NextChange();
            if (condition(this))
            {
                return;
            }

            await next.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Releases held statements, stops the server and closes DuckDB.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        Faults.HoldStatements = false;
        await app.StopAsync();
        await app.DisposeAsync();
        using var turn = await engine.TakeTurnAsync(CancellationToken.None);
        engine.Dispose();
        if (ownedStageRoot is not null)
        {
            try
            {
                Directory.Delete(ownedStageRoot, recursive: true);
            }
            catch (IOException)
            {
                // A file still open; the temp folder is cleaned by the OS.
            }
        }
    }
}
