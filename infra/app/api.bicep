// The Flex Consumption plan (FC1, Linux) and the function app. Runtime, scale and the deployment package location
// live in functionAppConfig; the settings deprecated on Flex (FUNCTIONS_WORKER_RUNTIME, FUNCTIONS_EXTENSION_VERSION,
// WEBSITE_RUN_FROM_PACKAGE, WEBSITE_CONTENT*, linuxFxVersion) are deliberately absent.
// Storage and Application Insights are reached with the user-assigned identity only: no keys, no connection strings.

@description('Azure region.')
param location string

@description('Tags of every resource.')
param tags {
  @description('Tag value.')
  *: string
}

@description('azd service name (azure.yaml); set as the azd-service-name tag so that azd deploy finds the app.')
param serviceName string

@description('Name of the function app.')
param name string

@description('Name of the Flex Consumption plan.')
param planName string

@description('Name of the storage account (host storage, pipeline data and deployment package).')
param storageAccountName string

@description('Blob container receiving the deployment package.')
param deploymentContainerName string

@description('Name of the user-assigned identity the app runs as.')
param identityName string

@description('Name of the Application Insights component.')
param applicationInsightsName string

@allowed([
  512
  2048
  4096
])
@description('Memory of each instance, in MB.')
param instanceMemoryMB int

@minValue(40)
@maxValue(1000)
@description('Largest number of instances.')
param maximumInstanceCount int

@description('NCRONTAB schedule of the ReconcileInputs timer (app setting ReconcileSchedule).')
param reconcileSchedule string

@description('Browser origins allowed to call the API (platform CORS).')
param corsAllowedOrigins string[]

resource storage 'Microsoft.Storage/storageAccounts@2026-09-01' existing = {
  name: storageAccountName
}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: identityName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    reserved: true
  }
}

resource functionApp 'Microsoft.Web/sites@2025-03-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': serviceName })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      minTlsVersion: '1.2'
      cors: {
        allowedOrigins: corsAllowedOrigins
        supportCredentials: false
      }
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identity.id
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }

  resource appSettings 'config' = {
    name: 'appsettings'
    properties: {
      // Host storage and the pipeline's own clients (StorageOptions.ConnectionSetting = AzureWebJobsStorage),
      // identity-based: https://learn.microsoft.com/azure/azure-functions/functions-reference#connecting-to-host-storage-with-an-identity
      AzureWebJobsStorage__accountName: storage.name
      AzureWebJobsStorage__credential: 'managedidentity'
      AzureWebJobsStorage__clientId: identity.properties.clientId
      AzureWebJobsStorage__blobServiceUri: 'https://${storage.name}.blob.${environment().suffixes.storage}'
      AzureWebJobsStorage__queueServiceUri: 'https://${storage.name}.queue.${environment().suffixes.storage}'
      AzureWebJobsStorage__tableServiceUri: 'https://${storage.name}.table.${environment().suffixes.storage}'
      // Picked up by DefaultAzureCredential / ManagedIdentityCredential in the worker's own Azure SDK clients.
      AZURE_CLIENT_ID: identity.properties.clientId
      APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsights.properties.ConnectionString
      APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identity.properties.clientId};Authorization=AAD'
      ReconcileSchedule: reconcileSchedule
    }
  }
}

@description('Name of the function app.')
output name string = functionApp.name

@description('Default host name of the function app.')
output defaultHostName string = functionApp.properties.defaultHostName
