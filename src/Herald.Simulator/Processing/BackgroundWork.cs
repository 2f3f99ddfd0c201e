using Microsoft.Extensions.Logging;

namespace Herald.Simulator.Processing;

/// <summary>
/// Runs processing in the background, knows when none is left (<see cref="WaitForIdleAsync"/>), and cancels
/// it all on reset or disposal.
/// </summary>
internal sealed class BackgroundWork(ILogger<BackgroundWork> logger) : IAsyncDisposable
{
    private readonly Lock gate = new();
    private CancellationTokenSource stopping = new();
    private TaskCompletionSource? idle;
    private int running;

    public void Start(Func<CancellationToken, Task> work)
    {
        CancellationToken cancellationToken;
        lock (gate)
        {
            running++;
            cancellationToken = stopping.Token;
        }

        _ = RunAsync(work, cancellationToken);
    }

    public Task WaitForIdleAsync(CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (running == 0)
            {
                return Task.CompletedTask;
            }

            idle ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return idle.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Cancels everything running; work started afterwards runs normally.</summary>
    public void CancelAll()
    {
        CancellationTokenSource cancelled;
        lock (gate)
        {
            cancelled = stopping;
            stopping = new CancellationTokenSource();
        }

        // Not disposed: work still running holds its token, and a source without a timer needs no disposal.
        cancelled.Cancel();
    }

    public async ValueTask DisposeAsync()
    {
        CancelAll();
        await WaitForIdleAsync(CancellationToken.None);
    }

    private async Task RunAsync(Func<CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        try
        {
            // Off the request's thread: the upload is answered without waiting for any of this.
            await Task.Yield();
            await work(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Reset or disposal: the work is abandoned on purpose.
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "Simulator background work failed");
        }
        finally
        {
            Finish();
        }
    }

    private void Finish()
    {
        lock (gate)
        {
            running--;
            if (running == 0 && idle is not null)
            {
                idle.SetResult();
                idle = null;
            }
        }
    }
}
