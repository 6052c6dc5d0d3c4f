// Log Analytics workspace and workspace-based Application Insights with local (instrumentation key) auth disabled:
// the app sends telemetry with its managed identity (APPLICATIONINSIGHTS_AUTHENTICATION_STRING, role in rbac.bicep).

@description('Azure region.')
param location string

@description('Tags of every resource.')
param tags {
  @description('Tag value.')
  *: string
}

@description('Name of the Log Analytics workspace.')
param logAnalyticsName string

@description('Name of the Application Insights component.')
param applicationInsightsName string

resource logAnalytics 'Microsoft.OperationalInsights/workspaces@2026-03-01' = {
  name: logAnalyticsName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: 30
  }
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: applicationInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logAnalytics.id
    DisableLocalAuth: true
  }
}

@description('Name of the Application Insights component.')
output applicationInsightsName string = applicationInsights.name
