// The user-assigned managed identity the function app runs as. User-assigned rather than system-assigned, so that
// its role assignments exist before the app's host starts.

@description('Azure region.')
param location string

@description('Tags of every resource.')
param tags {
  @description('Tag value.')
  *: string
}

@description('Name of the identity.')
param name string

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: name
  location: location
  tags: tags
}

@description('Name of the identity.')
output name string = identity.name

@description('Client ID of the identity (app settings AzureWebJobsStorage__clientId and AZURE_CLIENT_ID).')
output clientId string = identity.properties.clientId
