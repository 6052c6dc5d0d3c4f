// One storage account for the host (AzureWebJobsStorage: keys, timers, blob-trigger queue and receipts), the
// pipeline's data (containers, tables, queue below) and the Flex Consumption deployment package.
// Identity-only access: shared keys are disabled, so no connection string or account key exists anywhere.

@description('Azure region.')
param location string

@description('Tags of every resource.')
param tags {
  @description('Tag value.')
  *: string
}

@minLength(3)
@maxLength(24)
@description('Name of the storage account (3-24 lowercase letters and digits, globally unique).')
param name string

@minLength(3)
@maxLength(63)
@description('Blob container receiving the app\'s deployment package.')
param deploymentContainerName string

@description('Blob containers of the pipeline (shared/Resilience.Storage StorageOptions and the blob trigger path).')
var dataContainerNames = [
  'indicators'
  'emissions'
  'reports'
  'accepted-metadata'
  'resilience-locks'
]

@description('Tables of the pipeline (StorageOptions).')
var tableNames = [
  'Datasets'
  'Ingestions'
  'Observations'
  'Results'
]

@description('Queues of the pipeline (StorageOptions.RecomputeQueueName).')
var queueNames = [
  'recompute-requests'
]

resource storage 'Microsoft.Storage/storageAccounts@2026-09-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Hot'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    allowCrossTenantReplication: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2026-09-01' = {
  parent: storage
  name: 'default'
}

resource dataContainers 'Microsoft.Storage/storageAccounts/blobServices/containers@2026-09-01' = [
  for containerName in dataContainerNames: {
    parent: blobService
    name: containerName
    properties: {
      publicAccess: 'None'
    }
  }
]

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2026-09-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2026-09-01' = {
  parent: storage
  name: 'default'
}

resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2026-09-01' = [
  for tableName in tableNames: {
    parent: tableService
    name: tableName
  }
]

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2026-09-01' = {
  parent: storage
  name: 'default'
}

resource queues 'Microsoft.Storage/storageAccounts/queueServices/queues@2026-09-01' = [
  for queueName in queueNames: {
    parent: queueService
    name: queueName
  }
]

@description('Name of the storage account.')
output name string = storage.name

@description('Blob endpoint of the storage account (ends with a slash).')
output blobEndpoint string = storage.properties.primaryEndpoints.blob

@description('Name of the deployment package container.')
output deploymentContainerName string = deploymentContainer.name
