using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Herald.SnowflakeStandIn.State;
using Microsoft.AspNetCore.Http.Features;

namespace Herald.SnowflakeStandIn.Api;

/// <summary>
/// The smallest S3-compatible endpoint a stage needs (Amazon S3 API reference, PutObject and DeleteObject, path-style
/// <c>/{bucket}/{key}</c>): a request must carry an AWS Signature Version 4 <c>Authorization</c> header naming
/// <see cref="StandInOptions.StageAccessKeyId"/> (the signature itself is not recomputed), a body of at most
/// <see cref="StandInOptions.MaxStageObjectBytes"/>, and a plain key; the object is written into the stage folder,
/// complete or not at all. Chunked (<c>STREAMING-*</c>) uploads are refused with what to change.
/// </summary>
internal sealed partial class StageObjectApi(StandInOptions options, string stageRoot, StandInState state)
{
    public async Task PutAsync(HttpContext context, string bucket, string key)
    {
        if (await RefusedAsync(context, bucket, key) is not { } path)
        {
            return;
        }

        if (context.Request.Headers["x-amz-content-sha256"].ToString().StartsWith("STREAMING-", StringComparison.Ordinal))
        {
            await AnswerAsync(context, 400, "NotImplemented", "Chunked (STREAMING-*) uploads are not supported here; upload with UseChunkEncoding = false.");
            return;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = options.MaxStageObjectBytes;
        }

        if (context.Request.ContentLength > options.MaxStageObjectBytes)
        {
            await AnswerAsync(context, 400, "EntityTooLarge", $"The object is larger than {options.MaxStageObjectBytes:N0} bytes.");
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var partial = path + "." + Guid.NewGuid().ToString("N") + ".part";
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        try
        {
            await using (var file = File.Create(partial))
            {
                var buffer = new byte[81920];
                long written = 0;
                int read;
                while ((read = await context.Request.Body.ReadAsync(buffer, context.RequestAborted)) > 0)
                {
                    written += read;
                    if (written > options.MaxStageObjectBytes)
                    {
                        throw new InvalidDataException();
                    }

                    md5.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), context.RequestAborted);
                }
            }

            File.Move(partial, path, overwrite: true);
        }
        catch (Exception exception) when (exception is InvalidDataException or BadHttpRequestException)
        {
            File.Delete(partial);
            await AnswerAsync(context, 400, "EntityTooLarge", $"The object is larger than {options.MaxStageObjectBytes:N0} bytes.");
            return;
        }
        catch
        {
            File.Delete(partial);
            throw;
        }

        state.Record(new ReceivedCall("PUT", context.Request.Path, 200));
        context.Response.Headers.ETag = "\"" + Convert.ToHexStringLower(md5.GetHashAndReset()) + "\"";
        context.Response.StatusCode = 200;
    }

    public async Task DeleteAsync(HttpContext context, string bucket, string key)
    {
        if (await RefusedAsync(context, bucket, key) is not { } path)
        {
            return;
        }

        File.Delete(path);
        state.Record(new ReceivedCall("DELETE", context.Request.Path, 204));
        context.Response.StatusCode = 204;
    }

    /// <returns>The object's path in the stage folder, or null when the request was refused (and answered).</returns>
    private async Task<string?> RefusedAsync(HttpContext context, string bucket, string key)
    {
        var authorization = SigV4().Match(context.Request.Headers.Authorization.ToString());
        if (!authorization.Success)
        {
            await AnswerAsync(context, 403, "AccessDenied", "The request must be signed with AWS Signature Version 4.");
            return null;
        }

        if (!string.Equals(authorization.Groups["id"].Value, options.StageAccessKeyId, StringComparison.Ordinal))
        {
            await AnswerAsync(context, 403, "InvalidAccessKeyId", "The AWS access key id you provided does not exist in our records.");
            return null;
        }

        if (!Bucket().IsMatch(bucket) || !Key().IsMatch(key) || key.Split('/').Any(part => part is "" or "." or ".."))
        {
            await AnswerAsync(context, 400, "InvalidArgument", "Bucket names and keys here are plain: letters, digits, '_', '-', '.' and '/'.");
            return null;
        }

        return Path.Combine(stageRoot, bucket, key.Replace('/', Path.DirectorySeparatorChar));
    }

    private async Task AnswerAsync(HttpContext context, int status, string code, string message)
    {
        state.Record(new ReceivedCall(context.Request.Method, context.Request.Path, status));
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/xml";
        await context.Response.WriteAsync(
            $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>{code}</Code><Message>{System.Security.SecurityElement.Escape(message)}</Message></Error>",
            context.RequestAborted);
    }

    [GeneratedRegex(@"^AWS4-HMAC-SHA256 Credential=(?<id>[A-Za-z0-9]{1,128})/\d{8}/[a-z0-9-]{1,40}/s3/aws4_request,\s*SignedHeaders=[a-z0-9;-]+,\s*Signature=[0-9a-f]{64}$")]
    private static partial Regex SigV4();

    [GeneratedRegex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")]
    private static partial Regex Bucket();

    [GeneratedRegex("^[A-Za-z0-9_./-]{1,1024}$")]
    private static partial Regex Key();
}
