using Herald.Core.Ports;
using Herald.Core.Updates;

namespace Herald.Tests.Storage.Contracts;

/// <summary>What an <see cref="ISegmentLayoutStore"/> promises, whatever keeps it.</summary>
public abstract class SegmentLayoutStoreContract : StoreContract<ISegmentLayoutStore>
{
    [Fact]
    public async Task Layout_NeverSaved_IsNotFound()
    {
        (await Store.FindAsync(Guid.NewGuid(), "VIP customers", default)).ShouldBeNull();
    }

    [Fact]
    public async Task Layout_SavedAgain_ReplacesTheOneBefore_ForItsSegmentNameOnly()
    {
        var destination = Guid.NewGuid();
        var split = new SegmentLayout(destination, "VIP customers", ["VIP customers 1/2", "VIP customers 2/2"], Guid.NewGuid(), Now);
        var test = new SegmentLayout(destination, "VIP customers (test)", ["VIP customers (test)"], Guid.NewGuid(), Now);
        await Store.SaveAsync(split, default);
        await Store.SaveAsync(test, default);

        var whole = split with { Segments = ["VIP customers"], RunId = Guid.NewGuid(), UpdatedAt = Now.AddDays(1) };
        await Store.SaveAsync(whole, default);

        var found = await Store.FindAsync(destination, "VIP customers", default);
        found.ShouldNotBeNull();
        found.Segments.ShouldBe(["VIP customers"]);
        found.RunId.ShouldBe(whole.RunId);
        found.UpdatedAt.ShouldBe(whole.UpdatedAt);
        (await Store.FindAsync(destination, "VIP customers (test)", default))!.Segments.ShouldBe(["VIP customers (test)"]);
    }
}
