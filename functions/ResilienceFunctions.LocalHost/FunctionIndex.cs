using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Azure.Functions.Worker;

namespace ResilienceFunctions.LocalHost;

public enum TriggerKind { Blob, Queue, Timer, Http }

/// <summary>One function of the app, as its own attributes declare it.</summary>
public sealed record FunctionDescriptor(string Name, Type Class, MethodInfo Method, TriggerKind Kind, Attribute Trigger, ParameterInfo TriggerParameter)
{
    public BlobTriggerAttribute Blob => (BlobTriggerAttribute)Trigger;
    public QueueTriggerAttribute Queue => (QueueTriggerAttribute)Trigger;
    public TimerTriggerAttribute Timer => (TimerTriggerAttribute)Trigger;
    public HttpTriggerAttribute Http => (HttpTriggerAttribute)Trigger;
}

/// <summary>Reads triggers, routes and schedules from the [Function] methods of the function app assembly.</summary>
public static class FunctionIndex
{
    public static IReadOnlyList<FunctionDescriptor> Load(Assembly assembly)
    {
        var list = new List<FunctionDescriptor>();
        foreach (var type in assembly.GetTypes())
        {
            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static))
            {
                if (method.GetCustomAttribute<FunctionAttribute>() is not { } function) continue;
                var (kind, trigger, parameter) = method.GetParameters()
                    .Select(p => (p, a: p.GetCustomAttributes().FirstOrDefault(IsTrigger)))
                    .Where(x => x.a is not null)
                    .Select(x => (KindOf(x.a!), x.a!, x.p))
                    .SingleOrDefault();
                if (trigger is null) throw new InvalidOperationException($"Function {function.Name} has no trigger the local host knows.");
                list.Add(new FunctionDescriptor(function.Name, type, method, kind, trigger, parameter));
            }
        }
        return list.OrderBy(f => f.Name, StringComparer.Ordinal).ToList();
    }

    private static bool IsTrigger(Attribute a) =>
        a is BlobTriggerAttribute or QueueTriggerAttribute or TimerTriggerAttribute or HttpTriggerAttribute;

    private static TriggerKind KindOf(Attribute a) => a switch
    {
        BlobTriggerAttribute => TriggerKind.Blob,
        QueueTriggerAttribute => TriggerKind.Queue,
        TimerTriggerAttribute => TriggerKind.Timer,
        _ => TriggerKind.Http,
    };

    /// <summary>
    /// Matches <c>container/blob/name</c> against a blob trigger path such as <c>indicators/{dataset}/{file}</c>;
    /// returns the binding data, or null when the blob does not match.
    /// </summary>
    public static Dictionary<string, string>? MatchBlobPath(string pattern, string containerAndBlob)
    {
        var names = new List<string>();
        var regex = "^" + Regex.Replace(Regex.Escape(pattern).Replace(@"\{", "{"), "{([A-Za-z0-9_]+)}", m =>
        {
            names.Add(m.Groups[1].Value);
            return $"(?<{m.Groups[1].Value}>[^/]+)";
        }) + "$";
        var match = Regex.Match(containerAndBlob, regex);
        return match.Success ? names.ToDictionary(n => n, n => match.Groups[n].Value) : null;
    }
}
