using System.Globalization;
using System.Text.RegularExpressions;

namespace Herald.Simulator.SnowflakeImport;

/// <summary>
/// Imports a share the way Insider One's Snowflake integration would: as the consumer account, through the SQL API,
/// it makes the share a database (<c>CREATE DATABASE IF NOT EXISTS ... FROM SHARE</c>), reads the user and event
/// tables (all rows, or for an incremental import those whose <c>updated_at</c> is later than the last import's
/// latest), applies Insider One's rules row by row and keeps what passes. Imports run one at a time.
/// </summary>
internal sealed partial class ShareImporter(ConsumerSqlClient client, SnowflakeConsumerOptions options, SnowflakeImportState state, TimeProvider time)
{
    private const int KeptRejections = 100;
    private readonly SemaphoreSlim oneAtATime = new(1, 1);

    public async Task<ShareImportReport> ImportAsync(ShareImportRequest request, CancellationToken cancellationToken)
    {
        var startedAt = time.GetUtcNow();
        if (Problem(request) is { } problem)
        {
            return Record(new ShareImportReport(request, startedAt, null, null, problem));
        }

        await oneAtATime.WaitAsync(cancellationToken);
        try
        {
            // The share becomes a database of Insider One's account; the provider is named ORG.ACCOUNT in FROM SHARE.
            var database = request.Share.ToUpperInvariant() + "_IMPORT";
            await foreach (var _ in client.QueryAsync(
                $"CREATE DATABASE IF NOT EXISTS {database} FROM SHARE {request.ProviderAccount.ToUpperInvariant().Replace('-', '.')}.{request.Share.ToUpperInvariant()}", null, cancellationToken))
            {
            }

            var users = await ImportTableAsync(request, database, request.UsersTable, isUsers: true, cancellationToken);
            var events = await ImportTableAsync(request, database, request.EventsTable, isUsers: false, cancellationToken);
            return Record(new ShareImportReport(request, startedAt, users, events, null));
        }
        catch (ShareImportException exception)
        {
            return Record(new ShareImportReport(request, startedAt, null, null, exception.Message));
        }
        catch (HttpRequestException exception)
        {
            return Record(new ShareImportReport(request, startedAt, null, null, $"Snowflake could not be reached: {exception.HttpRequestError}."));
        }
        finally
        {
            oneAtATime.Release();
        }
    }

    private async Task<TableImport> ImportTableAsync(ShareImportRequest request, string database, string table, bool isUsers, CancellationToken cancellationToken)
    {
        var watermarkKey = $"{request.ProviderAccount}.{request.Share}.{request.Schema}.{table}";
        var updatedAt = table == table.ToUpperInvariant() ? "UPDATED_AT" : "updated_at";
        var statement = $"SELECT * FROM {database}.{Quote(request.Schema)}.{Quote(table)}";
        if (request.Incremental && state.Watermark(watermarkKey) is { } since)
        {
            statement += $" WHERE {Quote(updatedAt)} > CAST('{since.ToString("yyyy-MM-dd HH:mm:ss.fffffff", CultureInfo.InvariantCulture)}' AS TIMESTAMP_NTZ)";
        }

        var accepted = new Dictionary<string, IReadOnlyDictionary<string, string?>>(StringComparer.Ordinal);
        var reasons = new Dictionary<string, long>(StringComparer.Ordinal);
        var rejections = new List<RejectedRow>();
        long read = 0, rejected = 0;
        DateTime? latest = null;
        Dictionary<string, int>? positions = null;
        try
        {
            await foreach (var (columns, row) in client.QueryAsync(statement, null, cancellationToken))
            {
                if (positions is null)
                {
                    if (InsiderOneTableRules.TableProblem(columns, isUsers ? InsiderOneTableRules.UserColumns : InsiderOneTableRules.EventColumns) is { } problem)
                    {
                        return new TableImport(table, 0, 0, 0, reasons, rejections, problem, null);
                    }

                    positions = columns.Select((name, i) => (name, i)).ToDictionary(c => c.name.ToLowerInvariant(), c => c.i);
                }

                if (++read > options.MaxRowsPerTable)
                {
                    return new TableImport(table, read - 1, 0, 0, reasons, rejections,
                        $"the table has more than {options.MaxRowsPerTable:N0} rows (SimulatorOptions.SnowflakeConsumer.MaxRowsPerTable); nothing was kept.", null);
                }

                string? Cell(string name) => positions.TryGetValue(name, out var i) ? row[i] : null;
                if (Moment(Cell("updated_at")) is { } moment && (latest is null || moment > latest))
                {
                    latest = moment;
                }

                var key = isUsers ? Cell("uuid") : Cell("event_id") ?? Cell("uuid");
                var reason = isUsers ? InsiderOneTableRules.UserProblem(Cell) : InsiderOneTableRules.EventProblem(Cell);
                if (reason is null)
                {
                    accepted[key!] = positions.ToDictionary(column => column.Key, column => row[column.Value], StringComparer.Ordinal);
                    continue;
                }

                rejected++;
                reasons[reason] = reasons.GetValueOrDefault(reason) + 1;
                if (rejections.Count < KeptRejections)
                {
                    rejections.Add(new RejectedRow(key, reason));
                }
            }
        }
        catch (ShareImportException exception)
        {
            return new TableImport(table, read, 0, 0, reasons, rejections, exception.Message, null);
        }

        state.Commit(isUsers, accepted, watermarkKey, latest);
        return new TableImport(table, read, accepted.Count, rejected, reasons, rejections, null, latest);
    }

    private ShareImportReport Record(ShareImportReport report)
    {
        state.Add(report);
        return report;
    }

    private static string? Problem(ShareImportRequest request)
    {
        foreach (var (name, value) in new[]
                 {
                     ("providerAccount", request.ProviderAccount), ("share", request.Share), ("schema", request.Schema),
                     ("usersTable", request.UsersTable), ("eventsTable", request.EventsTable),
                 })
        {
            var pattern = name == "providerAccount" ? AccountName() : PlainName();
            if (value is null || !pattern.IsMatch(value))
            {
                return $"{name} must be a plain Snowflake name (letters, digits, '_'{(name == "providerAccount" ? ", '-' and one '.'" : "")}).";
            }
        }

        return null;
    }

    /// <summary>A TIMESTAMP cell of the SQL API's JSON answers: seconds since 1970 with up to 9 decimals, for
    /// <c>TIMESTAMP_TZ</c> followed by a space and the offset.</summary>
    private static DateTime? Moment(string? cell)
    {
        var seconds = cell?.Split(' ')[0];
        return decimal.TryParse(seconds, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
               && Math.Abs(value) < 253_402_300_799m
            ? DateTime.UnixEpoch.AddTicks((long)(value * TimeSpan.TicksPerSecond))
            : null;
    }

    private static string Quote(string name) => "\"" + name + "\"";

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,254}$")]
    private static partial Regex PlainName();

    [GeneratedRegex("^[A-Za-z0-9_-]{1,100}(\\.[A-Za-z0-9_-]{1,100})?$")]
    private static partial Regex AccountName();
}
