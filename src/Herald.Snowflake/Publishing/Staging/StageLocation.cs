using System.Text.RegularExpressions;

namespace Herald.Snowflake.Publishing.Staging;

/// <summary>
/// An S3-compatible stage Herald writes Parquet files to and Snowflake reads them from (snowflake.md, "Loading and
/// sharing"): the Snowflake stage's name (created by the account's administrator, e.g. <c>CREATE STAGE HERALD_STAGE
/// URL = 's3://bucket/prefix/' STORAGE_INTEGRATION = ...</c>), and the bucket and prefix behind it, reached at
/// <see cref="Endpoint"/> with an access key. <see cref="ToString"/> withholds the secret key.
/// </summary>
/// <param name="StageName">The Snowflake stage, an unquoted identifier (optionally <c>DB.SCHEMA.NAME</c>).</param>
/// <param name="Endpoint">The S3 service address, e.g. <c>https://s3.eu-west-1.amazonaws.com</c> (path-style requests).</param>
/// <param name="Bucket">The stage's bucket.</param>
/// <param name="Prefix">The stage URL's path inside the bucket, ending in '/' (or empty).</param>
/// <param name="Region">The bucket's region, for the request signature.</param>
/// <param name="AccessKeyId">The access key's id. Secret.</param>
/// <param name="SecretAccessKey">The access key's secret. Secret.</param>
public sealed partial record StageLocation(
    string StageName, Uri Endpoint, string Bucket, string Prefix, string Region, string AccessKeyId, string SecretAccessKey)
{
    /// <summary>What is wrong with the location, each naming the setting; empty when it can be used.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (!StageNamePattern().IsMatch(StageName))
        {
            problems.Add($"Stage name: '{Shorten(StageName)}' is not a plain Snowflake name (letters, digits, '_', optionally DATABASE.SCHEMA.NAME).");
        }

        if (!Endpoint.IsAbsoluteUri || Endpoint.Scheme is not ("https" or "http") || !string.IsNullOrEmpty(Endpoint.UserInfo) || Endpoint.Query.Length > 0)
        {
            problems.Add("Stage endpoint: give the S3 service's address, such as https://s3.eu-west-1.amazonaws.com.");
        }

        if (!BucketPattern().IsMatch(Bucket))
        {
            problems.Add($"Stage bucket: '{Shorten(Bucket)}' is not an S3 bucket name (3 to 63 lowercase letters, digits, '.' and '-').");
        }

        if (Prefix.Length > 0 && (!PrefixPattern().IsMatch(Prefix) || Prefix.Contains("..", StringComparison.Ordinal)))
        {
            problems.Add("Stage prefix: use letters, digits, '_', '-', '.' and '/', ending in '/', without '..'.");
        }

        if (!RegionPattern().IsMatch(Region))
        {
            problems.Add($"Stage region: '{Shorten(Region)}' is not a region such as eu-west-1.");
        }

        if (AccessKeyId.Length == 0 || SecretAccessKey.Length == 0)
        {
            problems.Add("Stage access key: give both the access key id and its secret.");
        }

        return problems;
    }

    // Records print their members; the secret must never reach a log line or an error through ToString.
    public override string ToString() => $"StageLocation {{ @{StageName} at {Endpoint} bucket {Bucket}/{Prefix}, key withheld }}";

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "...";

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_$]{0,254}(\\.[A-Za-z_][A-Za-z0-9_$]{0,254}){0,2}$")]
    private static partial Regex StageNamePattern();

    [GeneratedRegex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")]
    private static partial Regex BucketPattern();

    [GeneratedRegex("^[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*/$")]
    private static partial Regex PrefixPattern();

    [GeneratedRegex("^[a-z]{2}(-[a-z]+)+-[0-9]{1,2}$|^us-east-1$|^auto$")]
    private static partial Regex RegionPattern();
}
