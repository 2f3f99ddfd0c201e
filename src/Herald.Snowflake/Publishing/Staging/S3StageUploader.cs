using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Herald.Snowflake.Statements;
using Polly;
using Polly.Retry;

namespace Herald.Snowflake.Publishing.Staging;

/// <summary>
/// Puts files on an S3-compatible stage and removes them, with AWSSDK.S3 (path-style requests to
/// <see cref="StageLocation.Endpoint"/>, signed with the stage's access key). Chunked signing and optional checksums are
/// off, as S3-compatible services differ there; 5xx answers and lost connections are retried by Polly with
/// <see cref="SnowflakeOptions.MaxRetries"/> and its backoff. Failures are <see cref="SnowflakeException"/>s whose
/// messages never carry the key.
/// </summary>
internal sealed class S3StageUploader : IDisposable
{
    private readonly AmazonS3Client s3;
    private readonly StageLocation location;
    private readonly ResiliencePipeline retries;
    private readonly int attempts;

    public S3StageUploader(StageLocation location, SnowflakeOptions options, TimeProvider time)
    {
        this.location = location;
        attempts = options.MaxRetries + 1;
        s3 = new AmazonS3Client(new BasicAWSCredentials(location.AccessKeyId, location.SecretAccessKey), new AmazonS3Config
        {
            ServiceURL = location.Endpoint.ToString(),
            ForcePathStyle = true,
            AuthenticationRegion = location.Region,
            MaxErrorRetry = 0,
            Timeout = options.RequestTimeout,
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        });
        var builder = new ResiliencePipelineBuilder { TimeProvider = time };
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder()
                    .Handle<AmazonServiceException>(failure => (int)failure.StatusCode >= 500)
                    .Handle<HttpRequestException>()
                    .Handle<TaskCanceledException>(),
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.MaxRetryDelay,
            });
        }

        retries = builder.Build();
    }

    /// <summary>Uploads the local file as <c>&lt;prefix&gt;&lt;relativePath&gt;</c> in the stage's bucket.</summary>
    public Task PutAsync(string localPath, string relativePath, CancellationToken cancellationToken) =>
        RunAsync($"putting {relativePath} on stage {location.StageName}", async token =>
            await s3.PutObjectAsync(new PutObjectRequest
            {
                BucketName = location.Bucket,
                Key = location.Prefix + relativePath,
                FilePath = localPath,
                UseChunkEncoding = false,
                ContentType = "application/vnd.apache.parquet",
            }, token), cancellationToken);

    /// <summary>Removes a file Herald put on the stage.</summary>
    public Task DeleteAsync(string relativePath, CancellationToken cancellationToken) =>
        RunAsync($"removing {relativePath} from stage {location.StageName}", async token =>
            await s3.DeleteObjectAsync(new DeleteObjectRequest { BucketName = location.Bucket, Key = location.Prefix + relativePath }, token), cancellationToken);

    public void Dispose() => s3.Dispose();

    private async Task RunAsync(string step, Func<CancellationToken, Task> call, CancellationToken cancellationToken)
    {
        try
        {
            await retries.ExecuteAsync(async token => await call(token), cancellationToken);
        }
        catch (AmazonServiceException failure) when (failure.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized)
        {
            throw new SnowflakeException(SnowflakeFailureKind.Credential,
                $"The stage's storage refused the access key while {step} ({(int)failure.StatusCode} {Shown(failure.ErrorCode)}): check the stage access key id and secret, and that the key may write to bucket {location.Bucket}.",
                (int)failure.StatusCode);
        }
        catch (AmazonServiceException failure)
        {
            throw new SnowflakeException((int)failure.StatusCode >= 500 ? SnowflakeFailureKind.Transient : SnowflakeFailureKind.Statement,
                $"The stage's storage refused {step} ({(int)failure.StatusCode} {Shown(failure.ErrorCode)}: {Shown(failure.Message)}).", (int)failure.StatusCode);
        }
        catch (Exception failure) when (failure is HttpRequestException or AmazonClientException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new SnowflakeException(SnowflakeFailureKind.Transient,
                $"The stage's storage at {location.Endpoint.Host} could not be reached while {step}, after {attempts} attempt(s).");
        }
    }

    private static string Shown(string? text) => AnswerFields.Shown(text);
}
