using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using ResilienceFunctions.LocalHost;

namespace ResilienceFunctions.Tests;

public class LocalHostTests
{
    [Theory]
    [InlineData("indicators/demo/indicators_2019.csv", "demo", "indicators_2019.csv")]
    [InlineData("indicators/a-b_c/x.csv", "a-b_c", "x.csv")]
    public void BlobPath_BindsDatasetAndFile(string blob, string dataset, string file)
    {
        var data = FunctionIndex.MatchBlobPath("indicators/{dataset}/{file}", blob);
        Assert.NotNull(data);
        Assert.Equal(dataset, data["dataset"]);
        Assert.Equal(file, data["file"]);
    }

    [Theory]
    [InlineData("indicators/demo/sub/x.csv")]
    [InlineData("indicators/x.csv")]
    [InlineData("emissions/demo/x.csv")]
    public void BlobPath_OutsideThePattern_DoesNotMatch(string blob) =>
        Assert.Null(FunctionIndex.MatchBlobPath("indicators/{dataset}/{file}", blob));

    [Fact]
    public void Schedule_FromSetting_IsResolved_AndAMissingSettingFails()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["S"] = "*/15 * * * * *" }).Build();
        Assert.Equal("*/15 * * * * *", TimerTriggerService.ResolveSchedule("%S%", configuration));
        Assert.Equal("0 0 3 1 1 *", TimerTriggerService.ResolveSchedule("0 0 3 1 1 *", configuration));
        Assert.Throws<InvalidOperationException>(() => TimerTriggerService.ResolveSchedule("%Missing%", configuration));
    }

    [Theory]
    [InlineData(AuthorizationLevel.Anonymous, null, null, true)]
    [InlineData(AuthorizationLevel.Function, null, null, false)]
    [InlineData(AuthorizationLevel.Function, "fkey", null, true)]
    [InlineData(AuthorizationLevel.Function, null, "master", true)]
    [InlineData(AuthorizationLevel.Function, "wrong", null, false)]
    [InlineData(AuthorizationLevel.Admin, "fkey", null, false)]
    [InlineData(AuthorizationLevel.Admin, null, "master", true)]
    public void AuthorizationLevels_AreEnforcedWithConfiguredKeys(AuthorizationLevel level, string? headerKey, string? queryKey, bool allowed)
    {
        var keys = new KeyOptions { FunctionKeys = ["fkey"], MasterKey = "master" };
        var context = new DefaultHttpContext();
        if (headerKey is not null) context.Request.Headers["x-functions-key"] = headerKey;
        if (queryKey is not null) context.Request.QueryString = new QueryString("?code=" + queryKey);
        Assert.Equal(allowed, HttpRoutes.IsAuthorized(context.Request, level, keys));
    }

    [Fact]
    public void NoKeysConfigured_MeansFunctionLevelIsClosed()
    {
        var context = new DefaultHttpContext();
        context.Request.Headers["x-functions-key"] = "";
        Assert.False(HttpRoutes.IsAuthorized(context.Request, AuthorizationLevel.Function, new KeyOptions()));
    }
}
